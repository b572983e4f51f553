"""Peer Partners settings: one module, every deployment difference read from the environment.

Embedded default (``make run``): SQLite in the project, Celery tasks run eagerly in-process, email to the console.
Production shape: ``DATABASE_URL`` (PostgreSQL), ``REDIS_URL`` (Celery broker, results, cache), ``EMAIL_URL``,
``SECRET_KEY`` and ``ALLOWED_HOSTS``; see README.md and docker-compose.yml.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# Tests and CI set this so that a missing PostgreSQL, Redis, Chromium or SMTP server fails loudly instead of skipping.
REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - only ever used with DEBUG on

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    # Sign-in lockout per account (issue 11); keeps its attempt counts in its own tables.
    "axes",
    # Second factor at sign-in (issue 11): authenticator-app codes and single-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Core first: districts, schools, terms, people, memberships and the scoping mechanism.
    "schools",
    "programs",
    "recruitment",
    "orientation",
    "activities",
    "evaluation",
]

# The project's own five middlewares are all in schools/middleware.py; the order below is the order they run in.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer, static files included (policy below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every answer after WhiteNoise's static files is "Cache-Control: no-store" (student data; issue 11).
    "schools.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle timeout and the 12-hour cap: an expired session is signed out with a message for the sign-in page.
    "schools.middleware.SessionExpiryMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Those who can see confidential records must pass the second step before any page, the admin included.
    "schools.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Logs every 403, whichever view refused (issue 11).
    "schools.middleware.PermissionRefusalLogMiddleware",
    # Resolves request.access (memberships, active school) once; every scoped queryset reads it.
    "schools.middleware.SchoolAccessMiddleware",
    # Last, so it turns a locked-out sign-in (ours or the admin's) into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "peerpartners.urls"
WSGI_APPLICATION = "peerpartners.wsgi.application"
ASGI_APPLICATION = "peerpartners.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "peerpartners.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
# PostgreSQL: keep a connection for a minute (a page costs no new connection), and test it before each request or
# task reuses it, so after PostgreSQL restarts, or its connections are terminated, the next request and the next task
# connect again instead of failing on a dead socket (issue 18). SQLite opens a file: nothing to keep.
_POSTGRESQL = DATABASES["default"]["ENGINE"].endswith("postgresql")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if _POSTGRESQL else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = _POSTGRESQL
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "schools.User"
# The lockout check runs before the password check, so a locked account is refused even with the right password.
AUTHENTICATION_BACKENDS = [
    "schools.accounts.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout per account, not per IP: a whole school signs in from one address (issue 11).
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
# 15 minutes from the fifth wrong password, as the message says; retrying during the lock does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "schools.accounts.security.lockout_response"
AXES_USERNAME_CALLABLE = "schools.accounts.security.lockout_username"
# axes.W006 asks for the IP in the lockout key; leaving it out is the point (a shared school address must not lock
# out a whole school, and a per-username count cannot be dodged by changing address, agent or cookies).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Password reset requests per email address per hour; beyond it no email is sent.
PASSWORD_RESET_RATE = env.int("PASSWORD_RESET_RATE", default=5)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day

# Redis is optional: without it Celery runs in-process and the cache is local memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Fails open (peerpartners/cache.py): Redis down must not turn a parent's consent or an application into a 500.
    CACHES = {
        "default": {
            "BACKEND": "peerpartners.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Where people reach this site: printed materials (the brochure and poster QR codes) carry absolute links to it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The public application form: POSTs per visitor IP, counted by django-ratelimit in the cache above ("10/h").
APPLY_RATE = env.str("APPLY_RATE", default="10/h")
# The activity kiosk: wrong personal check-in codes per visitor IP before the kiosk asks them to wait.
KIOSK_CODE_RATE = env.str("KIOSK_CODE_RATE", default="10/10m")
# When the cache cannot count (Redis down), let the visitor through rather than refuse everyone.
RATELIMIT_FAIL_OPEN = True
# Days a guardian's consent link and a nominee's personal invitation link keep working.
GUARDIAN_CONSENT_LINK_DAYS = env.int("GUARDIAN_CONSENT_LINK_DAYS", default=14)
NOMINATION_INVITATION_LINK_DAYS = env.int("NOMINATION_INVITATION_LINK_DAYS", default=30)
# Guardians are asked to renew consent this many days before it ends (the end of the school year).
GUARDIAN_CONSENT_RENEWAL_DAYS = env.int("GUARDIAN_CONSENT_RENEWAL_DAYS", default=30)
# Students are anonymised this many days after their last term (see schools/privacy/retention.py).
STUDENT_RETENTION_DAYS = env.int("STUDENT_RETENTION_DAYS", default=365)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged only after it finished, so a worker that dies mid-task hands it to another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Redis hands a task whose worker vanished without acknowledging it (SIGKILL, a lost host) to another worker after
# this many seconds. Longer than any task runs; abandoned roster imports are resumed sooner by their lease (below).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60)}
# The worker writes a heartbeat every WORKER_HEARTBEAT_SECONDS (beat schedule below); /healthz/ready reports the worker
# down when the last one is older than WORKER_HEARTBEAT_MAX_AGE seconds.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=30)
WORKER_HEARTBEAT_MAX_AGE = env.int("WORKER_HEARTBEAT_MAX_AGE", default=180)
# /healthz/ready reports the outbox down when its oldest waiting email or job is older than this (seconds): the
# dispatcher runs every minute, so 15 minutes means the broker, the worker or the mail server is not taking rows.
OUTBOX_MAX_WAIT_SECONDS = env.int("OUTBOX_MAX_WAIT_SECONDS", default=900)
# A roster import's worker renews its claim every third of this many seconds while it works; a claim not renewed for
# this long belongs to a worker that died, and the next resume (every minute, below) takes the import over.
ROSTER_IMPORT_LEASE_SECONDS = env.int("ROSTER_IMPORT_LEASE_SECONDS", default=120)
CELERY_BEAT_SCHEDULE: dict = {
    "schools-worker-heartbeat": {
        "task": "schools.tasks.worker_heartbeat",
        "schedule": timedelta(seconds=WORKER_HEARTBEAT_SECONDS),
    },
    # Imports whose worker died mid-check or mid-apply (their lease expired) are checked or applied again.
    "schools-roster-imports-resume": {
        "task": "schools.rostering.tasks.roster_imports_resume_task",
        "schedule": timedelta(minutes=1),
    },
    # Every minute: hand the outbox's due emails and jobs to the worker (each commit also kicks it at once).
    "schools-outbox-dispatch": {
        "task": "schools.outbox.tasks.outbox_dispatch_task",
        "schedule": 60.0,
        "kwargs": {"prune": True},
    },
    # Every 15 minutes: orientation meeting reminders 2 days and 2 hours before (each claimed once, per school zone).
    "orientation-meeting-reminders": {
        "task": "orientation.invitations.tasks.send_orientation_reminders",
        "schedule": timedelta(minutes=15),
    },
    # Every 15 minutes: activity reminders (the day before from 15:00, attendance prompts from 17:00, Sunday digests
    # from 15:00, each school's time; each claimed once).
    "activity-reminders": {
        "task": "activities.reminders.tasks.send_activity_reminders",
        "schedule": timedelta(minutes=15),
    },
    # Daily at 12:00 UTC (early morning in US schools): owners hear about action items due the next day.
    "programs-action-item-reminders": {
        "task": "programs.tasks.send_action_item_reminders",
        "schedule": crontab(hour=12, minute=0),
    },
    # Daily at 07:00 UTC (night in US schools): the database and MEDIA_ROOT into BACKUP_DIR (schools.backups).
    "schools-backup": {
        "task": "schools.tasks.backup",
        "schedule": crontab(hour=7, minute=0),
    },
    # Daily: guardians are asked to renew consents that end within GUARDIAN_CONSENT_RENEWAL_DAYS (each once).
    "recruitment-consent-renewals": {
        "task": "recruitment.tasks.send_consent_renewals",
        "schedule": crontab(hour=13, minute=0),
    },
    # Daily: survey windows that opened today invite their respondents; staff and families who have not answered an
    # open window are reminded politely, at most twice (each reminder claimed once).
    "evaluation-survey-windows": {
        "task": "evaluation.surveys.tasks.survey_windows_daily",
        "schedule": crontab(hour=13, minute=20),
    },
    "schools-consent-record-renewals": {
        "task": "schools.privacy.tasks.send_consent_record_renewals",
        "schedule": crontab(hour=13, minute=10),
    },
    # Daily at night in US schools: students past STUDENT_RETENTION_DAYS after their last term are anonymised.
    "schools-retention": {
        "task": "schools.privacy.tasks.anonymise_students_task",
        "schedule": crontab(hour=8, minute=0),
    },
    # Daily: exit surveys for pairs that ended and peers who stopped taking part (each pair's once).
    "evaluation-exit-surveys": {
        "task": "evaluation.pairs.tasks.offer_exit_surveys",
        "schedule": crontab(hour=9, minute=0),
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Peer Partners <no-reply@peerpartners.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en"
# English first; Spanish follows for families and peers (every string is marked for translation).
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Chicago"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Copied from npm packages at build time (package.json); served from our own host, never a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    # OpenMoji's colour symbols (CC BY-SA 4.0, credited on /evaluation/symbols/): the answers of the accessible
    # student surveys and check-ins (evaluation/symbols.py names the few in use).
    ("vendor/openmoji", BASE_DIR / "node_modules" / "openmoji" / "color" / "svg"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Backups (`manage.py backup` / `restore`, nightly through Celery beat; docs/deploy.md has the restore drill).
# Keep BACKUP_DIR on another disk or copy it off the server: a backup beside the database is lost with it.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
# The newest BACKUP_KEEP backups are kept, older ones deleted after each nightly backup.
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
# A Fernet key (`manage.py backup --new-key`): backups are encrypted with it. Keep a copy away from the server, or the
# backups cannot be read when the server is lost. Empty: backups are plain tar files (readable by whoever gets one).
BACKUP_ENCRYPTION_KEY = env.str("BACKUP_ENCRYPTION_KEY", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# `seed_demo` runs these in order; each app adds its own demo content.
DEMO_SEEDERS = [
    "schools.demo.seed",
    "programs.demo.seed",
    "programs.playbook.demo.seed",
    "recruitment.demo.seed",
    # After matching: orientations are built for the peers of the confirmed pairs.
    "orientation.demo.seed",
    # Shared activities, in the order of their areas: scheduling first (the others add attendance, service
    # projects and reminders to its activities).
    "activities.scheduling.demo.seed",
    "activities.attendance.demo.seed",
    "activities.journals.demo.seed",
    "activities.facilitation.demo.seed",
    "activities.observation.demo.seed",
    "activities.service.demo.seed",
    "activities.reminders.demo.seed",
    # Evaluating outcomes: survey windows first (the student form, friendships and pair health answer in them).
    "evaluation.surveys.demo.seed",
    "evaluation.responding.demo.seed",
    "evaluation.goals.demo.seed",
    "evaluation.friendships.demo.seed",
    "evaluation.pairs.demo.seed",
    "schools.privacy.demo_retention.seed",
    # Last: records requests and disclosures about students the seeders above created.
    "schools.privacy.demo.seed",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: with DEBUG off these make `check --deploy --fail-level WARNING` clean.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Behind the reverse proxy of docker-compose.yml, which terminates TLS and sets this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/ready$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie (forms carry the token), so scripts may not read it at all.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
# Signed out after this long without a request, and at the latest this long after signing in (SessionExpiryMiddleware).
# Peers and students get the same idle limit as staff: they often use shared classroom devices.
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
# The name authenticator apps show beside the six-digit code.
OTP_TOTP_ISSUER = "Peer Partners"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp 4): only our own host, no inline script or style, no plugins, no framing.
# Bootstrap's stylesheet draws its icons (checks, selects, close buttons) as data: SVGs, hence img-src data:.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Timestamps in UTC (ISO 8601), so security events compare across schools' zones and the host's logs.
    "formatters": {
        "plain": {"()": "schools.log_format.UTCFormatter", "format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Sign-in, lockout, sign-out, 403 and role-change events (issue 11): UTC timestamps, no passwords.
        "peerpartners.security": {"level": "INFO"},
    },
}

# Roster imports: a file stops being read after this many rows (a school's roster is far smaller; a district-wide
# OneRoster export of 20,000 students has about 60,000 enrolments), and the report lists this many problems, then
# counts the rest ("… and 4,512 more").
ROSTER_MAX_ROWS = env.int("ROSTER_MAX_ROWS", default=100_000)
ROSTER_MAX_ERRORS = 100
