from django import forms
from django.contrib import admin

from juntos.charter.models import CharterVersion, Coalition


class CharterVersionInline(admin.StackedInline):
    """A coalition cannot be saved without a charter: the first version is asked for here.
    Existing versions are shown but never edited (an amendment adds a version)."""

    model = CharterVersion
    fields = ("number", "effective_from", "mission", "values", "agreements", "rules", "summary")
    min_num = 1
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        # Only a coalition's first version is written here; later ones are amendments.
        return obj is None or not obj.charter_versions.exists()

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["validate_min"] = True  # the admin does not pass it on by itself
        formset = super().get_formset(request, obj, **kwargs)
        base = formset.form

        class VersionForm(base):
            def clean(self):
                cleaned = super().clean()
                from juntos.charter import rules as charter_rules

                try:
                    charter_rules.rules_from_dict(cleaned.get("rules") or {})
                except charter_rules.RulesError as error:
                    raise forms.ValidationError(str(error)) from None
                return cleaned

        formset.form = VersionForm
        return formset


@admin.register(Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "setup_finished_at")
    fields = ("name", "slug", "host_name", "postal_address", "parent", "languages")
    inlines = [CharterVersionInline]
