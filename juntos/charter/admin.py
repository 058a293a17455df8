from django.contrib import admin

from juntos.charter.models import Coalition

admin.site.register(Coalition)
