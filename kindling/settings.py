"""Kindling's one settings module, configured by KINDLING_* environment variables.

Every variable is documented in docs/configuration.md; a test checks that the list there and the
variables read here stay the same.
"""

import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()

DEBUG = env.bool("KINDLING_DEBUG", default=False)
DATA_DIR = Path(env.str("KINDLING_DATA_DIR", default=str(BASE_DIR / "var"))).resolve()


def _development_secret_key() -> str:
    """A random key kept under var/ so sessions survive restarts of the demo.

    Only used with KINDLING_DEBUG on: production must set KINDLING_SECRET_KEY.
    """
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


if "KINDLING_SECRET_KEY" in env:
    SECRET_KEY = env.str("KINDLING_SECRET_KEY")
elif DEBUG:
    SECRET_KEY = _development_secret_key()
else:
    # Left empty rather than failing here, so commands that need no secret (`kindling score`,
    # `kindling instruments`) work on a researcher's laptop. Everything that serves or changes
    # data refuses to start without it: the kindling.E002 system check, and kindling/wsgi.py.
    SECRET_KEY = ""

ALLOWED_HOSTS = env.list(
    "KINDLING_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("KINDLING_CSRF_TRUSTED_ORIGINS", default=[])

# The region whose crisis lines a logged-out visitor sees first (AU, NZ, UK, US, CA, IE).
REGION = env.str("KINDLING_REGION", default="AU").upper()

# The practice whose public pages `/` shows to a visitor who is not logged in (its slug). Empty:
# the only practice, if there is just one; otherwise the plain welcome page.
PUBLIC_PRACTICE = env.str("KINDLING_PUBLIC_PRACTICE", default="")

# Encryption at rest (kindling/lib/crypto.py): a key ring that never lives in the database and
# is never derived from SECRET_KEY. Newest key first.
ENCRYPTION_KEYS = env.list("KINDLING_ENCRYPTION_KEYS", default=[])
ENCRYPTION_KEY_FILE = env.str("KINDLING_ENCRYPTION_KEY_FILE", default=str(DATA_DIR / "keys"))
if DEBUG and not ENCRYPTION_KEYS and not Path(ENCRYPTION_KEY_FILE).exists():
    # A development key ring, like the development secret above. Production must provide its
    # own keys; the kindling.E001 system check refuses to start without them.
    from cryptography.fernet import Fernet

    Path(ENCRYPTION_KEY_FILE).parent.mkdir(parents=True, exist_ok=True)
    Path(ENCRYPTION_KEY_FILE).write_text(
        "# Kindling development key ring: newest key first. Not for production.\n"
        + Fernet.generate_key().decode()
        + "\n"
    )
    Path(ENCRYPTION_KEY_FILE).chmod(0o600)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "kindling.lib",
    "kindling.accounts",
    "kindling.safety",
    "kindling.program",
    "kindling.care",
    "kindling.measures",
    "kindling.public",
    "kindling.groups",
    "kindling.groupwork",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise answers /static/ and the crisis pages before anything touches the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A practice's own crisis page: a file too, served before anything touches the database.
    "kindling.safety.practice_lines.PracticeCrisisPagesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kindling.lib.audit.AuditContextMiddleware",
    "kindling.accounts.middleware.IdleTimeoutMiddleware",
    "kindling.accounts.middleware.StaffMFARequiredMiddleware",
    "kindling.accounts.middleware.ConsentRequiredMiddleware",
    "kindling.safety.middleware.SafetyCheckMiddleware",
    "kindling.lib.middleware.PermissionsPolicyMiddleware",
    # AxesMiddleware must come last: it turns a locked-out login into a calm page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kindling.urls"
WSGI_APPLICATION = "kindling.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kindling.lib.context_processors.kindling",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite under var/ by default; PostgreSQL (psycopg 3) with KINDLING_DATABASE_URL=postgres://...
DATABASES = {
    "default": env.db_url(
        "KINDLING_DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'kindling.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at
            # the start of a transaction so two writers queue instead of failing mid-way.
            # secure_delete zeroes deleted content in the file, so erasure leaves no trace.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # Tests use a real file too, so concurrent requests and the browser tests' live server
    # meet SQLite as it runs in production, WAL and locks included.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("KINDLING_DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- People and sign-in ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    # Django ships a list of 20,000 common passwords; we check against it.
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "kindling.accounts.adapter.KindlingAccountAdapter"
ACCOUNT_FORMS = {"login": "kindling.accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Kindling: "
# Lock-out is django-axes' job: after this many failures for one account, or from one address.
AXES_FAILURE_LIMIT = env.int("KINDLING_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("KINDLING_LOGIN_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "login"
AXES_LOCKOUT_CALLABLE = "kindling.accounts.views.locked_out"
# One mechanism, one calm message: allauth's own failed-login throttle is off; axes does it.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Multi-factor authentication: TOTP with recovery codes; mandatory for every staff role
# (kindling.accounts.middleware.StaffMFARequiredMiddleware), optional for clients and guardians.
MFA_ADAPTER = "kindling.accounts.adapter.KindlingMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

# Inactivity limits: a staff screen left open in a clinic locks sooner than a client's phone.
STAFF_IDLE_MINUTES = env.int("KINDLING_STAFF_IDLE_MINUTES", default=15)
CLIENT_IDLE_MINUTES = env.int("KINDLING_CLIENT_IDLE_MINUTES", default=60)
SESSION_COOKIE_AGE = env.int("KINDLING_SESSION_SECONDS", default=60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- E-mail ----------------------------------------------------------------------------------
# smtp+tls://user:password@host:587, consolemail://, filemail:///path, memorymail://
EMAIL_CONFIG = env.email_url(
    "KINDLING_EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
globals().update(EMAIL_CONFIG)
# A mail server that hangs must not hold up the page that sent the mail (an alert is sent as the
# client's calm page opens): give up after this many seconds; the alert stays on the caseload.
EMAIL_TIMEOUT = env.int("KINDLING_EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("KINDLING_FROM_EMAIL", default="Kindling <no-reply@kindling.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "en-au"
LANGUAGES = [("en-au", "English (Australia)")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env.str("KINDLING_TIME_ZONE", default="Australia/Melbourne")
USE_I18N = True
USE_TZ = True

# --- Static files and the crisis pages ------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# The crisis pages are plain files served at /crisis/ by WhiteNoise, so they load with the
# database down and can be copied to any web server as they are.
WHITENOISE_ROOT = PACKAGE_DIR / "safety" / "public"
WHITENOISE_INDEX_FILE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: small on purpose; anything larger is answered by a friendly 413 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("KINDLING_MAX_UPLOAD_BYTES", default=2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# --- Security headers -------------------------------------------------------------------------
# django-csp until Django 6 (which needs Python 3.12) brings the same policy built in.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "kindling.lib.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

SECURE_SSL_REDIRECT = env.bool("KINDLING_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("KINDLING_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("KINDLING_HSTS_SECONDS", default=0 if DEBUG else 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env.bool("KINDLING_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# Invitations stay open this long before they expire.
INVITATION_DAYS = env.int("KINDLING_INVITATION_DAYS", default=14)

# The demo command creates people with a shared, known password. It refuses to run unless this
# is a development install (DEBUG on); see kindling/accounts/management/commands/demo.py.
DEMO_ALLOWED = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("KINDLING_LOG_LEVEL", default="INFO")},
    # Request logs carry URLs only; no view puts health data in a URL.
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
