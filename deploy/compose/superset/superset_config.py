# Superset settings of the compose stack (profile superset). Secrets come from the environment only.
import os

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = (
    "postgresql+psycopg2://superset:%s@postgres:5432/superset" % os.environ["SUPERSET_DB_PASSWORD"]
)
WTF_CSRF_ENABLED = True
TALISMAN_ENABLED = False
FEATURE_FLAGS = {"DASHBOARD_RBAC": True}
