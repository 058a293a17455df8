"""Juntos settings: one module, every value from the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from juntos.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("JUNTOS_VAR_DIR", str(Path.cwd() / "var")))

DEBUG = env_bool("JUNTOS_DEBUG", False)
SECRET_KEY = env_str("JUNTOS_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and env_bool("JUNTOS_PRODUCTION", False):
        raise ImproperlyConfigured("JUNTOS_SECRET_KEY must be set in production")
    SECRET_KEY = "juntos-development-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = env_list("JUNTOS_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("JUNTOS_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("JUNTOS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Anyone signed in may ask to start a coalition; an operator approves (off by default).
COALITION_REQUESTS = env_bool("JUNTOS_COALITION_REQUESTS", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "juntos.core",
    "juntos.accounts",
    "juntos.audit",
    "juntos.charter",
    "juntos.members",
    "juntos.consent",
    "juntos.communications",
    "juntos.governance",
    "juntos.live",
    "juntos.relationships",
    "juntos.events",
    "juntos.campaigns",
    "juntos.districts",
    "juntos.api",
    "juntos.web",
    "juntos.scale",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "juntos.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "juntos.core.headers.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "juntos.accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "juntos.core.access.DenyByDefaultMiddleware",
    "juntos.privacy.middleware.PrivacyMiddleware",
    "juntos.accounts.twofactor.TwoFactorMiddleware",
    # django-axes asks to come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "juntos.urls"
WSGI_APPLICATION = "juntos.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "juntos.privacy.context_processors.lockdown",
            ],
        },
    },
    {
        # Plain-text mail (subjects and bodies): the same templates, without HTML escaping.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
    {
        # The hottest table rows (juntos/web/jinja.py): <app>/jinja2/, autoescaped.
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "juntos.web.jinja.environment", "autoescape": True},
    },
]

# Form widgets drawn by Django's Jinja2 widget templates with Django's escaping (web/jinja.py).
FORM_RENDERER = "juntos.web.jinja.FormRenderer"

DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'juntos.sqlite3'}"))
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers and one writer work at once; a busy timeout waits rather than fails.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start_root"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LOCALE_PATHS = [BASE_DIR / "locale"]
# The languages the coalition's own texts (mission, notices, statements, events, ...) may be
# written in, in the order forms show them and readers fall back. A third one (vi, ar, ...)
# is added here, without code: forms then ask for it and mail goes out in it.
JUNTOS_CONTENT_LANGUAGES = env_list("JUNTOS_CONTENT_LANGUAGES", ["en", "es"])
if not JUNTOS_CONTENT_LANGUAGES:
    raise ImproperlyConfigured("JUNTOS_CONTENT_LANGUAGES must name at least one language")
for _code in JUNTOS_CONTENT_LANGUAGES:
    if _code not in LANG_INFO:
        raise ImproperlyConfigured(
            f"JUNTOS_CONTENT_LANGUAGES: {_code!r} is not a language code Django knows"
        )
# The interface speaks English, Spanish, and a content language only once its words are
# translated (a catalog under locale/<code>/); until then its readers see English menus.
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))] + [
    (code, LANG_INFO[code]["name"])
    for code in JUNTOS_CONTENT_LANGUAGES
    if code not in ("en", "es") and (BASE_DIR / "locale" / code / "LC_MESSAGES").is_dir()
]
FORMAT_MODULE_PATH = ["juntos.formats"]  # one date, time and number style per language
TIME_ZONE = env_str("JUNTOS_TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("JUNTOS_STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("JUNTOS_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("JUNTOS_MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# Uploads: logos are small images; anything larger is refused by the form with a message.
LOGO_MAX_BYTES = env_int("JUNTOS_LOGO_MAX_BYTES", 2 * 1024 * 1024)
LOGO_MAX_SIDE = env_int("JUNTOS_LOGO_MAX_SIDE", 4000)  # pixels, width and height
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields only; files stream to disk
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

EMAIL_BACKEND = env_str("JUNTOS_EMAIL_BACKEND", "juntos.core.mail.OutboxBackend")
EMAIL_HOST = env_str("JUNTOS_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("JUNTOS_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("JUNTOS_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("JUNTOS_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("JUNTOS_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("JUNTOS_FROM_EMAIL", "Juntos <juntos@localhost>")

# Background work: "immediate" runs tasks in the request (development, tests, the demo);
# "database" queues them for `juntos worker` (production). No broker either way.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if env_str("JUNTOS_TASKS", "immediate") not in TASK_BACKENDS:
    raise ImproperlyConfigured("JUNTOS_TASKS must be 'immediate' or 'database'")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("JUNTOS_TASKS", "immediate")]}}

# Content-Security-Policy (django-csp): scripts only from this site, never inline (htmx
# and juntos.js are files); inline style attributes are allowed (templates use them, and
# htmx adds its indicator style). Nothing may frame Juntos.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# A cache every process shares, so rate limits and single-use tokens hold under several
# workers: the database by default (`juntos migrate` makes the table), Redis when set.
JUNTOS_REDIS_URL = env_str("JUNTOS_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": JUNTOS_REDIS_URL}
        if JUNTOS_REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "juntos_cache"}
    ),
    # Kept pages (juntos/core/pagecache.py) have a store of their own: hundreds of them must
    # never push rate limits, single-use form tokens or the data version out of the one
    # above (past 300 keys the database cache deletes a third of them, lowest names first).
    "pages": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": JUNTOS_REDIS_URL,
            "KEY_PREFIX": "pages",
        }
        if JUNTOS_REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "juntos_pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},  # readers × pages; a full table drops a third
        }
    ),
    # Who is asking (core/remembered.py): a browser session's session and people, as
    # one worker read them, for the others; one entry per browser session.
    "people": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": JUNTOS_REDIS_URL,
            "KEY_PREFIX": "people",
        }
        if JUNTOS_REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "juntos_people",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    ),
}
# The header a trusted reverse proxy sets to the client's address (X-Forwarded-For,
# X-Real-IP); empty: the connection's address (core/ratelimit.py).
JUNTOS_TRUSTED_PROXY_HEADER = env_str("JUNTOS_TRUSTED_PROXY_HEADER", "")

# Database sessions, each read once per worker while the access version stands.
SESSION_ENGINE = "juntos.accounts.sessions"
SESSION_COOKIE_SECURE = env_bool("JUNTOS_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Behind TLS in production: redirect plain HTTP and tell browsers to stay on HTTPS.
SECURE_SSL_REDIRECT = env_bool("JUNTOS_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = env_int("JUNTOS_HSTS_SECONDS", 31536000 if SESSION_COOKIE_SECURE else 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("JUNTOS_HSTS_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("JUNTOS_HSTS_PRELOAD", False)
# Subdomains and the preload list bind the whole domain, which a coalition may share with
# other sites: the domain's owner opts in with the variables above.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("JUNTOS_LOG_LEVEL", "WARNING")},
}

# Spam protection on public forms: a person takes at least this long to fill one in.
JUNTOS_FORM_MIN_SECONDS = env_int("JUNTOS_FORM_MIN_SECONDS", 3)
JUNTOS_APPLY_PER_HOUR = env_int("JUNTOS_APPLY_PER_HOUR", 10)
DOCUMENT_MAX_BYTES = env_int("JUNTOS_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
JUNTOS_API_PER_MINUTE = env_int("JUNTOS_API_PER_MINUTE", 600)

# Accounts: invitation links expire; see README "Security — accounts".
JUNTOS_INVITATION_DAYS = env_int("JUNTOS_INVITATION_DAYS", 14)

# Sign-in: throttled per account and per client address by django-axes. The database
# handler shares counts between all processes; with Redis, use the cache handler.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "juntos.accounts.backends.EmailBackend",
]
AXES_HANDLER = env_str(
    "JUNTOS_SIGNIN_THROTTLE_HANDLER", "axes.handlers.database.AxesDatabaseHandler"
)
AXES_FAILURE_LIMIT = env_int("JUNTOS_SIGNIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("JUNTOS_SIGNIN_LOCKOUT_MINUTES", 15))
# Either limit locks: one account from any address, or one address trying any accounts.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "juntos.accounts.throttle.username"
AXES_LOCKOUT_CALLABLE = "juntos.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = False  # a success elsewhere must not wipe an attacker's count
AXES_VERBOSE = False
# The client address, as every limit reads it: REMOTE_ADDR unless JUNTOS_TRUSTED_PROXY_HEADER
# names the trusted proxy's header (README, Security).
AXES_CLIENT_IP_CALLABLE = "juntos.core.ratelimit.client_ip"

# Two-step sign-in (django-otp): the name authenticator apps show for a Juntos login.
OTP_TOTP_ISSUER = env_str("JUNTOS_OTP_ISSUER", "Juntos")
# Webhooks may go to http and loopback: tests and development only (api/ssrf.py).
JUNTOS_WEBHOOKS_ALLOW_INSECURE = env_bool("JUNTOS_WEBHOOKS_ALLOW_INSECURE", False)
if JUNTOS_WEBHOOKS_ALLOW_INSECURE and env_bool("JUNTOS_PRODUCTION", False):
    raise ImproperlyConfigured("JUNTOS_WEBHOOKS_ALLOW_INSECURE is for development only")
# Check-in and ballots happen on the meeting's local day; this many days either side too.
JUNTOS_MEETING_DAY_WINDOW = env_int("JUNTOS_MEETING_DAY_WINDOW", 0)

# Live parts of meetings (juntos/live, issue 21): how long a worker answers a changed poll
# with the fragment it rendered last, how much longer than the UI's interval pages poll, the
# load per core above which the server asks them to poll half as often, and how long a
# worker reuses a meeting's voting picture for its live panels (same attendance counter).
# Sessions, users, people and charters read once per worker while the access version
# stands (core/remembered.py); off: read on every request.
JUNTOS_REMEMBER_ACCESS = env_bool("JUNTOS_REMEMBER_ACCESS", True)
JUNTOS_LIVE_FRESH_SECONDS = env_int("JUNTOS_LIVE_FRESH_MS", 1000) / 1000
JUNTOS_LIVE_POLL_FACTOR = env_int("JUNTOS_LIVE_POLL_FACTOR", 1)
JUNTOS_LIVE_BUSY_LOAD = float(env_str("JUNTOS_LIVE_BUSY_LOAD", "1.5"))
# Polls a second a meeting's room may send at the UI's pace; a larger room is told to poll
# less often (juntos.live.versions.room_factor). 0: intervals do not follow the room.
JUNTOS_LIVE_POLL_BUDGET = env_int("JUNTOS_LIVE_POLL_BUDGET", 120)
JUNTOS_LIVE_PICTURE_SECONDS = env_int("JUNTOS_LIVE_PICTURE_SECONDS", 60)
# ... and the voting picture a ballot is checked against (see juntos/live/versions.py): the
# bound for a change no counter follows (an absence corrected at another meeting). Each
# worker computes it again at this pace while a vote is open (a few hundred ms at 2,000).
JUNTOS_LIVE_BALLOT_PICTURE_SECONDS = env_int("JUNTOS_LIVE_BALLOT_PICTURE_SECONDS", 15)

# The most used pages are kept rendered per reader until the data changes (any write to the
# database moves the data version; juntos/core/pagecache.py) and at most this many seconds,
# for what changes with the clock within a day. 0: every page is rendered every time.
JUNTOS_PAGE_CACHE_SECONDS = env_int("JUNTOS_PAGE_CACHE_SECONDS", 60)
