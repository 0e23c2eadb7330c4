# The bot's image: one image, three commands (see compose.yaml and README "Several processes").
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY services ./services
COPY storage ./storage
COPY locales ./locales
COPY alembic.ini ./
RUN pip install --no-cache-dir '.[postgres,redis]'
USER nobody
CMD ["python", "-m", "bot"]
