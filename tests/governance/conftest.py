import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """These tests read the rule sentences in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield
