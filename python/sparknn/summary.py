"""The training summary of a fitted spark-nn model, as Python values."""

__all__ = ["TrainingSummary"]

# The columns of the history in the JVM's order (io.sparknn.ml.TrainingSummary.historyFrame);
# each is the name of an io.sparknn.train.EpochStats accessor.
HISTORY_COLUMNS = (
    "epoch",
    "loss",
    "accuracy",
    "validationLoss",
    "validationAccuracy",
    "samples",
    "seconds",
    "samplesPerSecond",
)


class TrainingSummary:
    """What a fitted model knows about its training.

    ``history``: a pandas DataFrame, one row per epoch (loss and accuracy, validation loss and
    accuracy — NaN without validation rows, accuracy NaN for regression —, samples, seconds and
    samples per second). ``provenance``: the dict of strings given to the estimator's
    ``provenance`` param (e.g. a Delta table's path and version).
    """

    def __init__(self, java_summary):
        self._java = java_summary

    @property
    def history_records(self):
        """The history as a list of dicts, one per epoch (no pandas needed)."""
        records = []
        for stats in self._java.history():
            records.append({col: getattr(stats, col)() for col in HISTORY_COLUMNS})
        return records

    @property
    def history(self):
        """The history as a pandas DataFrame, one row per epoch."""
        try:
            import pandas as pd
        except ImportError as e:
            raise ImportError(
                "model.summary.history needs pandas (pip install pandas); "
                "model.summary.history_records gives the same rows as dicts."
            ) from e
        return pd.DataFrame(self.history_records, columns=list(HISTORY_COLUMNS))

    @property
    def provenance(self):
        """The provenance of the training data, as a dict of strings."""
        return {str(k): str(v) for k, v in self._java.provenance().items()}

    @property
    def total_epochs(self):
        return int(self._java.history().size())

    def __repr__(self):
        return "TrainingSummary(epochs=%d, provenance=%r)" % (self.total_epochs, self.provenance)
