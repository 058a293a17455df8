from django.urls import path

from juntos.relationships import views

app_name = "relationships"
urlpatterns = [
    path("", views.contacts, name="contacts"),
    path("contacts/add/", views.contact_add, name="contact_add"),
    path("contacts/pick/", views.contact_pick, name="contact_pick"),
    path("contacts/<int:pk>/", views.contact, name="contact"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/relationships/", views.relationship_add, name="relationship_add"),
    path("links/<int:pk>/end/", views.relationship_end, name="relationship_end"),
    path("power/", views.power, name="power"),
    path("messengers/", views.messenger_search, name="messengers"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("pipeline/<int:pk>/", views.pipeline_entry, name="pipeline_entry"),
    path("letters/", views.letter_list, name="letters"),
    path("letters/add/", views.letter_add, name="letter_add"),
    path("letters/<int:pk>/", views.letter_edit, name="letter_edit"),
    path("letters/<int:pk>/merge/", views.letter_merge, name="letter_merge"),
    path("one-to-ones/", views.one_to_ones, name="one_to_ones"),
    path("leaders/", views.leaders, name="leaders"),
]
