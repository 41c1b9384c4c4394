from training.train import main


def test_the_build_command_takes_the_number_of_worker_processes(tmp_path, monkeypatch):
    import training.train

    calls = []
    monkeypatch.setattr(training.train, "build", lambda out, fraction, n_jobs: calls.append((out, fraction, n_jobs)))
    assert main(["--out", str(tmp_path), "--jobs", "2"]) == 0
    assert main(["--out", str(tmp_path)]) == 0
    assert calls == [(tmp_path, 0.5, 2), (tmp_path, 0.5, -1)]
