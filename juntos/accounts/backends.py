"""Sign-in by email, matched case-insensitively (addresses are stored lower-case)."""

from django.contrib.auth.backends import ModelBackend

from juntos.accounts.models import User, normalize_email
from juntos.core import remembered

remembered.watch(User)


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username or kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        email = normalize_email(username)
        user = User.objects.filter(email=email).first()
        if user is None:
            # An address stored before normalization, when it is the only one that matches.
            matches = list(User.objects.filter(email__iexact=email)[:2])
            user = matches[0] if len(matches) == 1 else None
        if user is None:
            User().set_password(password)  # the same work as a real check: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The signed-in user of a request: read once per worker while the access version
        stands (core/remembered.py)."""
        # Shared with the other workers without the password's hash (User.without_password):
        # an assembly's delegate makes a few requests, each likely on a worker new to them.
        return remembered.recall("user", user_id, lambda: self._user_to_share(user_id), shared=True)

    def _user_to_share(self, user_id):
        user = super().get_user(user_id)
        return user.without_password() if user is not None else None
