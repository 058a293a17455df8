"""Numbers no calendar has get the form's message, not a server error."""

from django.urls import reverse


def test_schedule_preview_for_an_impossible_year_is_a_form_error(personas):
    url = reverse("governance:schedule", args=[personas.coalition.slug])
    response = personas.client("host").post(
        url, {"year": "99999999999999999999", "start_time": "18:00"}
    )
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    assert response.context["preview"] == []
