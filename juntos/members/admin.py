from django.contrib import admin

from juntos.members.models import Application, Member, Person, Team

# The Django admin is a back office for installation staff, not the product's UI.
admin.site.register([Member, Person, Team, Application])
