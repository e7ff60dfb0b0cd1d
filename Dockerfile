FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DATA_DIR=/data STATIC_ROOT=/app/staticfiles
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz-subset0 fonts-dejavu-core poppler-utils postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN python manage.py compilemessages --ignore=.venv -v 0 \
 && DEBUG=0 SECRET_KEY=build-only python manage.py collectstatic --noinput -v 0

RUN useradd --create-home thiduakt && mkdir -p /data && chown thiduakt /data
USER thiduakt
EXPOSE 8000
# Workers are recycled (staggered by the jitter), so the memory a long page took is given back.
CMD ["gunicorn", "thiduakt.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--max-requests", "500", "--max-requests-jitter", "50", "--access-logfile", "-"]
