"""Every task module of the project is registered with the Celery worker, sub-packages' included: a task the worker
does not know is refused when it is queued for real (tasks run in-process in the other tests, which cannot see it)."""

from pathlib import Path

from peerpartners.celery import app

PROJECT_DIR = Path(__file__).resolve().parents[1]
SKIPPED = {".venv", "node_modules", "tests"}


def task_modules() -> set[str]:
    found = set()
    for path in PROJECT_DIR.rglob("tasks.py"):
        relative = path.relative_to(PROJECT_DIR)
        if relative.parts[0] not in SKIPPED:
            found.add(".".join(relative.with_suffix("").parts))
    return found


def test_the_worker_registers_the_tasks_of_every_tasks_module():
    app.loader.import_default_modules()
    registered = {name.rsplit(".", 1)[0] for name in app.tasks if not name.startswith("celery.")}
    modules = task_modules()
    assert "schools.rostering.tasks" in modules  # the walk finds sub-packages' modules
    assert modules - registered == set()
