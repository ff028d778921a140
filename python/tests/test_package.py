"""The package imports without pyspark, and says what needs it."""

import pathlib
import subprocess
import sys

PYTHON_DIR = str(pathlib.Path(__file__).resolve().parents[1])


def run_without_pyspark(code):
    # sys.modules["pyspark"] = None makes "import pyspark" fail, as on a machine without it.
    script = "import sys; sys.modules['pyspark'] = None; sys.path.insert(0, %r); %s" % (PYTHON_DIR, code)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)


def test_layers_and_sequential_need_no_pyspark():
    r = run_without_pyspark(
        "from sparknn import Sequential; from sparknn.layers import Dense; "
        "print(Sequential([Dense(2)], input_shape=(3,)).to_json())"
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith('{"inputShape":[3],')


def test_the_estimators_say_they_need_pyspark():
    r = run_without_pyspark("from sparknn import NeuralNetworkClassifier")
    assert r.returncode == 1
    assert "sparknn.NeuralNetworkClassifier needs pyspark, which is not importable here" in r.stderr


def test_an_unknown_name_is_an_attribute_error():
    r = run_without_pyspark("import sparknn; sparknn.NoSuchThing")
    assert "module 'sparknn' has no attribute 'NoSuchThing'" in r.stderr
