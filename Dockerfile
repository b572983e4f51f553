# syntax=docker/dockerfile:1
# The one image behind web, worker, beat and migrate in docker-compose.yml; see docs/deploy.md.

# Bootstrap and its icons come from npm at build time and are served from our own static files, never a CDN.
FROM node:20-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim

# WeasyPrint (brochures, posters, reports) needs Pango and HarfBuzz, and a font; backups need pg_dump and pg_restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
       postgresql-client \
    && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# Dependencies first, so this layer is rebuilt only when pyproject.toml changes.
COPY pyproject.toml ./
RUN pip install .

COPY . .
# Same paths as in a checkout: settings.STATICFILES_DIRS points into node_modules.
COPY --from=assets /src/node_modules/bootstrap/dist node_modules/bootstrap/dist
COPY --from=assets /src/node_modules/bootstrap-icons/font node_modules/bootstrap-icons/font

# Hashed, compressed files for WhiteNoise. Settings refuse to load without a SECRET_KEY when DEBUG is off;
# this throwaway one exists only for this build step and is not kept in the image.
RUN DEBUG=0 STATIC_MANIFEST=1 SECRET_KEY=collectstatic-at-build-time-only \
    python manage.py collectstatic --noinput

# Run as an unprivileged user; uploaded and generated files live in the media volume.
RUN useradd --system --no-create-home --home-dir /app --uid 10001 peerpartners \
    && mkdir -p /app/media /app/backups \
    && chown peerpartners /app/media /app/backups
USER peerpartners

EXPOSE 8000
# Gunicorn reads its number of worker processes from WEB_CONCURRENCY (default 1).
CMD ["gunicorn", "peerpartners.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
