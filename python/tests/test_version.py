"""The package version follows the jar's, so a wheel and a jar of one release go together."""

import pathlib
import re

import sparknn

ROOT = pathlib.Path(__file__).resolve().parents[2]


def pom_version():
    pom = (ROOT / "pom.xml").read_text(encoding="utf-8")
    return re.search(r"<artifactId>spark-nn-parent</artifactId>\s*<version>([^<]+)</version>", pom).group(1)


def pep440(maven_version):
    return maven_version[: -len("-SNAPSHOT")] + ".dev0" if maven_version.endswith("-SNAPSHOT") else maven_version


def test_package_version_is_the_jar_version():
    project = (ROOT / "python" / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r'^version = "([^"]+)"', project, re.M).group(1)
    assert declared == pep440(pom_version())
    assert sparknn.__version__ == declared
