# Databricks notebook source
# MAGIC %md
# MAGIC # spark-nn seed 000 in Python: Delta table → fit → transform → evaluate → save → load
# MAGIC
# MAGIC The MLP 784-256-128-10 on Fashion-MNIST, trained on 2 barrier workers. Cluster (see conf/databricks.md):
# MAGIC - a Spark 3.5 runtime (14.3, 15.4 or 16.4 LTS, Scala 2.12 image), **dedicated (single user) access mode**,
# MAGIC   a fixed number of workers (no autoscaling) with at least 2 free task slots;
# MAGIC - cluster libraries: `spark-nn-jobs_2.12-<version>-databricks.jar` (JAR) and
# MAGIC   `sparknn-<version>-py3-none-any.whl` (Python wheel), both from `jobs/target/` of one build,
# MAGIC   uploaded to a Unity Catalog volume.
# MAGIC
# MAGIC Tables: Unity Catalog Delta tables with `features` (array<float> of 784 pixels in [0, 1], or an ML vector)
# MAGIC and `label` (0..9), e.g. the ones `bin/spark-nn demo` writes, loaded into `main.fashion`.

# COMMAND ----------

# Before any PipelineModel.load: importing sparknn lets PySpark find the Python class of io.sparknn stages.
import sparknn
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from sparknn import NeuralNetworkClassifier, Sequential
from sparknn.layers import Dense

TRAIN_TABLE = "main.fashion.train"              # catalog.schema.table
TEST_TABLE = "main.fashion.test"
MODEL_DIR = "/Volumes/main/ml/models/fashion-mlp-py"
CHECKPOINT_DIR = "/Volumes/main/ml/checkpoints/fashion-mlp-py"   # a re-run resumes from here
print("sparknn", sparknn.__version__)

# COMMAND ----------

train = spark.read.table(TRAIN_TABLE)
test = spark.read.table(TEST_TABLE)

network = Sequential([
    Dense(256, activation="relu", input_shape=(784,)),
    Dense(128, activation="relu"),
    Dense(10, activation="softmax"),
])
nn = NeuralNetworkClassifier(network=network, optimizer="adam", learningRate=1e-3, batchSize=128,
                             maxEpochs=10, numWorkers=2, threadsPerWorker=1, seed=0,
                             checkpointDir=CHECKPOINT_DIR)
model = Pipeline(stages=[nn]).fit(train)
display(model.stages[-1].summary.history)      # loss and accuracy per epoch (pandas)

# COMMAND ----------

scored = model.transform(test)                  # rawPrediction, probability, prediction
accuracy = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(scored)
print(f"test accuracy {accuracy:.4f}")

# COMMAND ----------

model.write().overwrite().save(MODEL_DIR)       # the JVM's format: Java and Scala load it too
loaded = PipelineModel.load(MODEL_DIR)

# The loaded pipeline predicts exactly what the trained one does, row by row: the other columns
# (id, label) say which row it is, so the 784-value features column stays out of the comparison.
keys = [c for c in test.columns if c != "features"] + ["prediction"]
before = scored.select(*keys)
after = loaded.transform(test).select(*keys)
differing = before.exceptAll(after).count()
assert differing == 0, f"{differing} rows predict differently after loading {MODEL_DIR}"
print(f"loaded {MODEL_DIR}: same predictions on {test.count()} rows")
