from django.urls import path

from juntos.api import web_views

app_name = "api_pages"
urlpatterns = [
    path("me/tokens/", web_views.tokens, name="tokens"),
    path("me/tokens/<int:pk>/revoke/", web_views.token_revoke, name="token_revoke"),
    path("c/<slug:slug>/webhooks/", web_views.webhooks, name="webhooks"),
]
