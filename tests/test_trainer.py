"""Training on a user's own labels: stance train / stance.trainer, and clear errors for malformed files."""

import json

import pytest
from joblib.externals.loky import get_reusable_executor

import stance
from stance.cli import main
from stance.exceptions import TrainingDataError
from stance.trainer import train_model

VERBS = {"endorsed": "pro", "backed": "pro", "praised": "pro", "opposed": "contra", "attacked": "contra",
         "rejected": "contra", "visited": "none", "attended": "none"}


def article(k, verb, label, with_sentiment=True):
    actor = {"actor": "Ana Ruiz", "type": "person", "mentions": ["Ana Ruiz"], "stance": label}
    sentence = {"text": f"Senator Ana Ruiz {verb} the water bill on day {k}.", "actors": [actor]}
    if with_sentiment:
        actor["sentiment"] = "neutral"
        sentence["sentiment"] = "neutral" if label == "none" else "positive" if label == "pro" else "negative"
    return {"id": f"a{k}", "sentences": [sentence]}


def write(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_train_with_own_labels_and_load(tmp_path):
    data = write(tmp_path / "mine.jsonl", [article(k, v, l) for k, (v, l) in enumerate(list(VERBS.items()) * 4)])
    report = train_model(data, tmp_path / "model", min_count=1)
    assert report["labels"] == ["contra", "none", "pro"] and report["pairs"] == 32
    assert report["components"]["sentence_sentiment"] == "trained"
    assert report["components"]["actor_sentiment"].startswith("copied")  # all actor sentiments are neutral
    nlp = stance.load(tmp_path / "model")
    doc = nlp("Senator Ana Ruiz rejected the water bill on Friday.")
    assert doc.sentences[0].actors[0].stance.label == "contra"
    manifest = json.loads((tmp_path / "model" / "manifest.json").read_text())
    assert manifest["trained_by"] == "stance train" and "mine.jsonl" in manifest["data"]["files"]


def test_cli_train_without_sentiment_labels(tmp_path, capsys):
    data = write(tmp_path / "d.jsonl", [article(k, v, l, with_sentiment=False) for k, (v, l) in enumerate(list(VERBS.items()) * 3)])
    assert main(["train", "--data", str(data), "--out", str(tmp_path / "m"), "--min-count", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["components"]["stance"] == "trained"
    assert report["components"]["sentence_sentiment"].startswith("copied")
    assert stance.load(tmp_path / "m").labels == ["contra", "none", "pro"]


@pytest.mark.parametrize("mutate, message", [
    (lambda r: r.pop("sentences"), r"d\.jsonl:2: missing field 'sentences'"),
    (lambda r: r["sentences"][0]["actors"][0].update(mentions=["Bob"]), r"d\.jsonl:2: sentence 0: actor 'Ana Ruiz': mention 'Bob' not found"),
    (lambda r: r["sentences"][0]["actors"][0].update(stance=5), r"d\.jsonl:2: sentence 0: actor 'Ana Ruiz': field 'stance'"),
    (lambda r: r["sentences"][0].update(text="  padded"), r"d\.jsonl:2: sentence 0: field 'text'"),
    (lambda r: r["sentences"][0]["actors"][0].update(type="planet"), r"field 'type'"),
])
def test_malformed_training_files_name_line_and_field(tmp_path, mutate, message):
    rows = [article(0, "backed", "pro"), article(1, "opposed", "contra")]
    mutate(rows[1])
    data = write(tmp_path / "d.jsonl", rows)
    with pytest.raises(TrainingDataError, match=message):
        train_model(data, tmp_path / "m")


def test_invalid_json_and_single_label_and_cli_exit_code(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(article(0, "backed", "pro")) + "\n{oops\n")
    with pytest.raises(TrainingDataError, match=r"bad\.jsonl:2: invalid JSON"):
        train_model(bad, tmp_path / "m")
    single = write(tmp_path / "one.jsonl", [article(k, "backed", "pro") for k in range(3)])
    with pytest.raises(TrainingDataError, match="at least two stance labels"):
        train_model(single, tmp_path / "m")
    assert main(["train", "--data", str(bad), "--out", str(tmp_path / "m")]) == 1
    assert "bad.jsonl:2" in capsys.readouterr().err


def test_restricted_label_set(tmp_path):
    data = write(tmp_path / "d.jsonl", [article(0, "backed", "pro"), article(1, "opposed", "contra")])
    with pytest.raises(TrainingDataError, match="must be one of"):
        train_model(data, tmp_path / "m", labels=("pro", "neutral"))


def test_stances_with_targets_train_a_target_classifier(tmp_path):
    rows = [article(k, v, l) for k, (v, l) in enumerate(list(VERBS.items()) * 4)]
    for row in rows:
        actor = row["sentences"][0]["actors"][0]
        actor["target"] = None if actor["stance"] == "none" else "the water bill"
    report = train_model(write(tmp_path / "t.jsonl", rows), tmp_path / "model", min_count=1)
    assert report["components"]["target"] == "trained"
    doc = stance.load(tmp_path / "model")("Senator Ana Ruiz praised the water bill on Friday.")
    assert "water bill" in doc.sentences[0].actors[0].stance.target


def test_without_targets_the_target_classifier_comes_from_the_base_model(tmp_path):
    data = write(tmp_path / "mine.jsonl", [article(k, v, l) for k, (v, l) in enumerate(list(VERBS.items()) * 2)])
    report = train_model(data, tmp_path / "model", min_count=1)
    assert report["components"]["target"].startswith("copied from default")


def test_cli_train_with_worker_processes_writes_the_same_model(tmp_path, capsys):
    data = write(tmp_path / "d.jsonl", [article(k, v, l) for k, (v, l) in enumerate(list(VERBS.items()) * 3)])
    for jobs in ("1", "2"):
        assert main(["train", "--data", str(data), "--out", str(tmp_path / jobs), "--min-count", "1", "--jobs", jobs]) == 0
    reports = [json.loads(part) for part in capsys.readouterr().out.replace("}\n{", "}\n\n{").split("\n\n")]
    assert reports[0]["components"] == reports[1]["components"] and reports[0]["components"]["sentence_sentiment"] == "trained"
    for name in ("stance.npz", "sentence_sentiment.npz", "stance.json"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()
    get_reusable_executor().shutdown(wait=True)  # its one-thread workers are not for the tests that follow
