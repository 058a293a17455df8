"""Response headers that keep personal data out of caches.

Every page and file Juntos renders itself carries `Cache-Control: no-store` (unless the
view chose its own caching): directory pages, member pages, CSV exports and the API carry
contact details, and a browser's or proxy's cache must not keep them after sign-out or
for the next person at a shared computer. Static files (served by whitenoise above this
middleware) keep their long caching. The Content-Security-Policy comes from django-csp
(settings.CONTENT_SECURITY_POLICY).
"""


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response
