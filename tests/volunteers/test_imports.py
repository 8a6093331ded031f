"""The models do not pull in the request handling: views import models, never the reverse."""

import ast
import subprocess
import sys
from pathlib import Path

import services.volunteering.models as volunteer_models


def _imported_modules(path):
    """Every module a file imports, at any depth (a function-level import counts too)."""
    package = "services.volunteering.models"
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def test_no_model_module_imports_a_views_module():
    files = sorted(Path(volunteer_models.__file__).parent.glob("*.py"))
    assert len(files) > 5
    imports = {
        path.name: {module for module in _imported_modules(path) if "views" in module}
        for path in files
    }
    assert {name: found for name, found in imports.items() if found} == {}


def test_importing_the_models_does_not_import_the_views():
    script = (
        "import sys, django; django.setup(); import services.volunteering.models; "
        "loaded = sorted(m for m in sys.modules if m.startswith('services.') and 'views' in m); "
        "assert 'services.volunteering.models' in sys.modules; "
        "assert 'services.volunteering.views' not in loaded, loaded"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
