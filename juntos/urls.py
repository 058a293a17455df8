from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from juntos.accounts.views import set_language
from juntos.charter.setup_urls import operator_patterns, request_patterns
from juntos.communications.urls import link_patterns as communication_links
from juntos.core.access import public
from juntos.events.urls import public_patterns as event_public
from juntos.web import views as web_views

coalition_patterns = [
    path("", web_views.home, name="home"),
    path("audit/", web_views.audit_log, name="audit"),
    path("audit/export.csv", web_views.audit_export, name="audit_export"),
    path("outbox/", web_views.outbox, name="outbox"),
]

urlpatterns = [
    path("", web_views.start, name="start_root"),
    path("healthz", web_views.healthz, name="healthz"),
    path(
        "accounts/login/",
        public(
            auth_views.LoginView.as_view(
                template_name="accounts/login.html", redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("accounts/logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("juntos.accounts.urls")),
    path("c/<slug:slug>/", include((coalition_patterns, "web"))),
    path("c/<slug:slug>/", include("juntos.members.urls")),
    path("c/<slug:slug>/charter/", include("juntos.charter.urls")),
    path("c/<slug:slug>/setup/", include("juntos.charter.setup_urls")),
    path("operator/", include((operator_patterns, "operator"))),
    path("", include((request_patterns, "requests"))),
    path("c/<slug:slug>/consent/", include("juntos.consent.urls")),
    path("c/<slug:slug>/", include("juntos.communications.urls")),
    path("", include((communication_links, "links"))),
    path("c/<slug:slug>/", include("juntos.governance.urls")),
    path("c/<slug:slug>/relationships/", include("juntos.relationships.urls")),
    path("c/<slug:slug>/campaigns/", include("juntos.campaigns.urls")),
    path("c/<slug:slug>/events/", include("juntos.events.urls")),
    path("c/<slug:slug>/who-represents/", include("juntos.districts.urls")),
    path("", include((event_public, "events_public"))),
    path("api/", include("juntos.api.urls")),
    path("c/<slug:slug>/", include("juntos.api.import_urls")),
    path("c/<slug:slug>/privacy/", include("juntos.privacy.urls")),
    path("", include("juntos.api.web_urls")),
    path("admin/", admin.site.urls),
]

handler403 = "juntos.web.errors.permission_denied"
handler404 = "juntos.web.errors.page_not_found"
