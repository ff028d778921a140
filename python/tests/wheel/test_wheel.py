"""The wheel the Maven build ships beside the shaded jar (python/packaging/WheelWriter.java).

Run on purpose after the build, with the wheel installed in the running interpreter's
environment (.ci/run does both): `pip install --no-deps <wheel>` then
`python -m pytest tests/wheel`. SPARKNN_WHEEL names the wheel (default: the Spark 3.5 line's
jobs/target/sparknn-<version>-py3-none-any.whl); a missing wheel is an error, not a skip.
"""

import base64
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import zipfile

import pytest

from test_version import pep440, pom_version

ROOT = pathlib.Path(__file__).resolve().parents[3]
PYTHON = ROOT / "python"
VERSION = pep440(pom_version())
NAME = "sparknn-%s-py3-none-any.whl" % VERSION
DIST_INFO = "sparknn-%s.dist-info/" % VERSION


@pytest.fixture(scope="module")
def wheel():
    path = pathlib.Path(os.environ.get("SPARKNN_WHEEL", ROOT / "jobs" / "target" / NAME))
    if not path.is_file():
        pytest.fail("no wheel at %s: build it with ./mvnw -B -ntp -pl jobs -am package -DskipTests "
                    "(or set SPARKNN_WHEEL)" % path)
    assert path.name == NAME
    return path


def urlsafe_sha256(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def package_sources():
    package = PYTHON / "sparknn"
    return {p.relative_to(PYTHON).as_posix(): p.read_bytes()
            for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_record_lists_every_file_with_its_sha256_and_size(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        rows = [line.split(",") for line in z.read(DIST_INFO + "RECORD").decode("utf-8").splitlines()]
        assert {row[0] for row in rows} == names
        for path, digest, size in rows:
            if path == DIST_INFO + "RECORD":
                assert (digest, size) == ("", "")
                continue
            data = z.read(path)
            assert digest == "sha256=" + urlsafe_sha256(data), path
            assert int(size) == len(data), path


def test_wheel_holds_exactly_the_package_sources_and_its_metadata(wheel):
    sources = package_sources()
    with zipfile.ZipFile(wheel) as z:
        packaged = {n: z.read(n) for n in z.namelist() if not n.startswith(DIST_INFO)}
        metadata = z.read(DIST_INFO + "METADATA").decode("utf-8")
        tags = z.read(DIST_INFO + "WHEEL").decode("utf-8")
    assert packaged == sources
    assert "sparknn/layers/__init__.py" in packaged
    assert "Name: sparknn\n" in metadata and ("Version: %s\n" % VERSION) in metadata
    assert "Requires-Python: >=3.8\n" in metadata
    assert 'Requires-Dist: pandas>=1.0; extra == "summary"\n' in metadata
    assert "Root-Is-Purelib: true\n" in tags and "Tag: py3-none-any\n" in tags


def test_python_imports_sparknn_from_the_installed_wheel_not_the_source_tree(wheel, tmp_path):
    # -I: no current directory, PYTHONPATH or user site on sys.path, so only an installed copy can answer.
    probe = ("import json, importlib.metadata, sparknn, sparknn.layers; "
             "print(json.dumps({'file': sparknn.__file__, 'version': sparknn.__version__, "
             "'dist': importlib.metadata.version('sparknn')}))")
    out = subprocess.run([sys.executable, "-I", "-c", probe], cwd=tmp_path, check=True,
                         capture_output=True, text=True).stdout
    found = json.loads(out)
    installed = pathlib.Path(found["file"]).resolve()
    assert PYTHON not in installed.parents, "sparknn came from the source tree, not the wheel: %s" % installed
    assert pathlib.Path(sys.prefix).resolve() in installed.parents
    assert found["version"] == found["dist"] == VERSION
    assert (installed.parent / "layers" / "__init__.py").read_bytes() == \
        (PYTHON / "sparknn" / "layers" / "__init__.py").read_bytes()


def write_wheel(maven_version, out_dir):
    java = shutil.which("java") or pytest.fail("the wheel is written by java (JDK 17): none on PATH")
    return subprocess.run([java, str(PYTHON / "packaging" / "WheelWriter.java"), str(PYTHON), maven_version,
                           str(out_dir)], capture_output=True, text=True)


def test_the_writer_is_reproducible(wheel, tmp_path):
    run = write_wheel(pom_version(), tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / NAME).read_bytes() == wheel.read_bytes()


def test_a_pom_version_other_than_pyprojects_fails_with_the_version_to_set(tmp_path):
    run = write_wheel("9.9.9-SNAPSHOT", tmp_path)
    assert run.returncode != 0
    assert 'version = "%s"' % VERSION in run.stderr
    assert 'set pyproject\'s version to "9.9.9.dev0"' in run.stderr
    assert list(tmp_path.iterdir()) == []
