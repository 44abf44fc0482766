"""The wheel carries templates/ and seeds/, and an installed quizapp renders pages from it."""

import subprocess
import sys
import venv
import zipfile

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_wheel_ships_templates_and_renders(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("quizapp-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "quizapp/templates/base.html" in names
    assert "quizapp/seeds/from-the-moon-to-mars.txt" in names
    assert "quizapp/static/style.css" in names
    assert not any(name.startswith("templates/") for name in names)

    # A fresh venv that sees this environment's packages but installs quizapp from the wheel.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    # The parent venv's site-packages (with Flask, spaCy ...) goes on the path after the wheel.
    parent_site = next(p for p in sys.path if p.endswith("site-packages"))
    db_file = str(tmp_path / "w.db")
    script = "\n".join(
        [
            "import sys",
            f"sys.path.append({parent_site!r})",
            "import quizapp",
            "assert 'site-packages' in quizapp.__file__, quizapp.__file__",
            f"config = {{'TESTING': True, 'DATABASE': {db_file!r}, 'SECRET_KEY': 'x'}}",
            "app = quizapp.create_app(config)",
            "print(app.test_client().get('/').get_data(as_text=True))",
        ]
    )
    result = subprocess.run(
        [python, "-I", "-c", script], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "<title>Articles · quizapp</title>" in result.stdout
    assert str(ROOT) not in result.stdout
