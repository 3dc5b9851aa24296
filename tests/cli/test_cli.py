"""The command line: every --json output follows the contract; bad input gets one line and a non-zero exit."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digitpad.cli import build_parser, main
from tests.helpers import render_on_paper
from training.number_eval import compose


def run_json(capsys, *argv: str) -> tuple[int, list[dict]]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines()]


def run_process(*argv: str, cwd=None) -> subprocess.CompletedProcess:
    """The real `digitpad` in a fresh process; 30 s is the longest any bad input may take."""
    return subprocess.run(
        [sys.executable, "-m", "digitpad", *argv], capture_output=True, text=True, timeout=30, cwd=cwd
    )


def test_archs_lists_the_seven_architectures(capsys):
    code, records = run_json(capsys, "archs")
    assert code == 0 and len(records) == 8  # the digest's six, the MLP baseline and digitpad's lenet-wide
    lenet5 = next(record for record in records if record["name"] == "lenet5")
    assert lenet5["recipe"]["first_conv"] == "edges" and lenet5["bundled_recipe"]["augment"] == "handwriting"
    for record in records:
        assert {"name", "title", "params", "source", "recipe", "bundled_recipe", "tutorial_recipe"} <= record.keys()
        assert record["recipe"]["arch"] == record["bundled_recipe"]["arch"] == record["name"]
        assert record["tutorial_recipe"] is None or record["tutorial_recipe"]["arch"] == record["name"]


def test_models_lists_the_bundled_model(capsys):
    code, records = run_json(capsys, "models")
    lenet5 = next(r for r in records if r["name"] == "lenet5")
    assert code == 0 and lenet5["source"] == "bundled" and lenet5["params"] == 61_706
    assert set(lenet5) == {"name", "arch", "dataset", "test_accuracy", "params", "path", "source", "familiarity_limit"}
    assert lenet5["familiarity_limit"] > 0  # every bundled model carries what it needs to say "not a digit"


def test_eval_of_the_bundled_model(capsys):
    code, (record,) = run_json(capsys, "eval", "--model", "lenet5")
    assert code == 0 and record["test_accuracy"] >= 0.99 and record["dataset"] == "mnist"
    matrix = np.array(record["confusion_matrix"])
    assert matrix.shape == (10, 10) and matrix.sum() == 10_000
    assert len(record["per_class_accuracy"]) == 10 and record["seconds"] > 0


def test_predict_reads_images_and_reports_bad_ones(capsys, tmp_path, mnist):
    paths = []
    for index in range(3):
        path = tmp_path / f"digit{index}.png"
        Image.fromarray(render_on_paper(mnist.test.raw_images[index])).save(path)
        paths.append(str(path))
    (tmp_path / "text.png").write_text("not an image")
    code, records = run_json(capsys, "predict", *paths, str(tmp_path / "text.png"))
    assert code == 1  # one file failed
    assert [r["digit"] for r in records[:3]] == mnist.test.raw_labels[:3].tolist()
    for record in records[:3]:
        assert 0 <= record["confidence"] <= 1 and len(record["probabilities"]) == 10
    assert set(records[3]) == {"file", "error"} and "not an image" in records[3]["error"]
    for record, label in zip(records[:3], mnist.test.raw_labels[:3], strict=True):
        assert record["text"] == str(label) and record["status"] in ("ok", "unsure") and len(record["digits"]) == 1
        assert record["digits"][0]["digit"] == label and record["digits"][0]["confidence"] == record["confidence"]


def test_predict_reads_a_whole_number_with_each_digit_and_its_box(capsys, tmp_path, mnist):
    labels = mnist.test.raw_labels
    chosen = [int(np.flatnonzero(labels == int(char))[0]) for char in "1998"]
    line, placed = compose([mnist.test.raw_images[i] for i in chosen], "natural", np.random.default_rng(0))
    number, blank = tmp_path / "year.png", tmp_path / "blank.png"
    Image.fromarray(255 - np.pad(line, 20)).save(number)
    Image.fromarray(np.full((60, 200), 255, dtype=np.uint8)).save(blank)
    code, records = run_json(capsys, "predict", str(number), str(blank))
    assert code == 1  # the blank one has no digit
    year, nothing = records
    assert year["text"] == "1998" and year["status"] == "ok" and year["digit"] is None
    for digit, truth, char in zip(year["digits"], placed, "1998", strict=True):
        assert digit["digit"] == int(char) and len(digit["probabilities"]) == 10
        x0, _y0, x1, _y1 = digit["box"]
        assert abs(x0 - (truth.left + 20)) <= 3 and abs(x1 - (truth.left + 20 + truth.ink.shape[1])) <= 3
    assert nothing["text"] is None and nothing["status"] == "no_digit" and nothing["digits"] == []
    code = main(["predict", str(number)])
    assert code == 0 and capsys.readouterr().out.startswith(f"{number}: 1998  ")


def test_train_then_eval_reports_the_same_accuracy(capsys, tmp_path):
    out = tmp_path / "quick.safetensors"
    code, records = run_json(
        capsys,
        "train",
        "--arch",
        "cnn-small",
        "--max-steps",
        "40",
        "--lr",
        "0.05",
        "--momentum",
        "0.9",
        "--out",
        str(out),
    )
    finished = records[-1]
    assert code == 0 and finished["event"] == "finished" and finished["checkpoint"] == str(out)
    assert {"test_accuracy", "images_per_second", "seconds"} <= finished.keys()
    assert finished["test_accuracy"] > 0.5
    code, (evaluation,) = run_json(capsys, "eval", "--model", str(out))
    assert evaluation["test_accuracy"] == pytest.approx(finished["test_accuracy"], abs=1e-9)


def test_train_json_epoch_records(capsys, tmp_path, monkeypatch):
    # one epoch on a 600-image folder keeps this quick while exercising the per-epoch record
    from tests.helpers import write_dataset

    rng = np.random.default_rng(0)
    write_dataset(tmp_path / "data", rng.integers(0, 256, (600, 28, 28), dtype=np.uint8),
                  rng.integers(0, 10, 600, dtype=np.uint8))  # fmt: skip
    code, records = run_json(capsys, "train", "--arch", "mlp", "--epochs", "1", "--data-dir", str(tmp_path / "data"),
                             "--out", str(tmp_path / "m.safetensors"))  # fmt: skip
    epoch = records[0]
    assert code == 0 and set(epoch) >= {
        "epoch", "train_loss", "train_accuracy", "test_accuracy", "images_per_second", "seconds"
    }  # fmt: skip
    assert records[-1]["event"] == "finished"
    from digitpad.engine.store.checkpoints import read_metadata

    assert read_metadata(tmp_path / "m.safetensors")["familiarity_limit"] > 0  # it can say "not a digit"


def test_predict_says_not_a_digit_for_a_letter_plainly_and_in_json(capsys, tmp_path):
    from tests.helpers import typeset

    Image.fromarray(typeset("A")).save(tmp_path / "a.png")
    code, records = run_json(capsys, "predict", str(tmp_path / "a.png"))
    assert code == 0 and records[0]["status"] == "not_a_digit" and records[0]["text"] is None
    assert records[0]["digit"] is None and records[0]["digits"][0]["status"] == "not_a_digit"
    assert main(["predict", str(tmp_path / "a.png")]) == 0
    assert capsys.readouterr().out.strip().endswith("a.png: not a digit")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["predict", "{empty}"], "empty"),
        (["predict", "{text}"], "not an image file"),
        (["predict", "{truncated}"], "damaged or truncated"),
        (["eval", "--model", "{corrupt}"], "not a safetensors model file"),
        (["train", "--arch", "resnet"], "invalid choice: 'resnet' (choose from"),
        (["train", "--epochs", "0"], "epochs must be a whole number"),
        (["train", "--lr", "nan"], "lr must be a number"),
        (["train", "--arch", "mlp", "--first-conv", "edges"], "no convolution over the image to fix"),
        (["eval", "--model", "nonexistent"], "no model named 'nonexistent'"),
        (["train", "--device", "cuda"], "not available"),
        (["eval", "--data-dir", "{liar}"], "more than any digit dataset"),
        (["train", "--max-steps", "2", "--data-dir", "{liar}"], "more than any digit dataset"),
        (["predict", "{bomb}"], "too large"),
        (["predict", "--model", "{pickle}", "{empty}"], "not a loadable PyTorch weights file"),
    ],
)
def test_bad_input_gets_one_line_and_no_traceback(tmp_path, argv, message):
    from tests.helpers import write_dataset

    files = {"empty": tmp_path / "empty.png", "text": tmp_path / "text.png", "truncated": tmp_path / "cut.png",
             "corrupt": tmp_path / "broken.safetensors"}  # fmt: skip
    files["empty"].write_bytes(b"")
    files["text"].write_text("definitely not a PNG")
    page = Image.fromarray(np.zeros((64, 64), np.uint8))
    page.save(files["truncated"])
    files["truncated"].write_bytes(files["truncated"].read_bytes()[:50])
    files["corrupt"].write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{garbage")
    files["liar"] = tmp_path / "liar"  # an IDX folder whose training images claim a billion entries
    write_dataset(files["liar"], np.zeros((4, 28, 28), np.uint8), np.zeros(4, np.uint8))
    lying = (files["liar"] / "train-images-idx3-ubyte").read_bytes()
    (files["liar"] / "train-images-idx3-ubyte").write_bytes(lying[:4] + (10**9).to_bytes(4, "big") + lying[8:])
    files["bomb"] = tmp_path / "bomb.png"
    Image.new("1", (12_000, 12_000)).save(files["bomb"])
    files["pickle"] = tmp_path / "evil.pt"
    files["pickle"].write_bytes(b"\x80\x04cos\nsystem\n(S'touch pwned'\ntR.")
    argv = [a.format(**files) for a in argv]
    result = run_process(*argv, cwd=tmp_path)
    assert result.returncode != 0 and not (tmp_path / "pwned").exists()
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr and message in result.stderr
    assert len([line for line in lines if line.startswith("digitpad")]) == 1


def test_digitpad_without_a_command_opens_the_app_before_loading_torch():
    """`digitpad` hands over to the app at once; the app shows its window and loads torch meanwhile."""
    child = (
        "import sys, digitpad.gui.app as app\n"
        "app.run_app = lambda: print('torch loaded before the app opened:', 'torch' in sys.modules) or 0\n"
        "from digitpad.cli import main\n"
        "sys.exit(main([]))\n"
    )
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "torch loaded before the app opened: False"


def test_version_and_help_without_a_command(capsys):
    with pytest.raises(SystemExit) as version:
        main(["--version"])
    assert version.value.code == 0 and capsys.readouterr().out.startswith("digitpad ")
    with pytest.raises(SystemExit) as help_text:
        main(["--help"])
    assert help_text.value.code == 0 and "train" in capsys.readouterr().out


def test_every_file_of_a_batch_gets_its_row_whatever_pillow_raises(capsys, tmp_path, mnist):
    """Pillow's own test files that once stopped the batch (EOFError, ValueError, NotImplementedError)."""
    odd = sorted(p for p in (Path(__file__).parent.parent / "data" / "pillow").iterdir() if p.suffix != ".md")
    good = tmp_path / "seven.png"
    Image.fromarray(render_on_paper(mnist.test.raw_images[0])).save(good)
    code, records = run_json(capsys, "predict", *map(str, odd), str(good))
    assert code == 1 and [Path(r["file"]).name for r in records] == [p.name for p in odd] + ["seven.png"]
    by_name = {Path(r["file"]).name: r for r in records}
    for readable in ("hopper.psd", "hopper.Lab.tif", "hopper.spider"):  # by composite, lightness, float pixels
        assert "digit" in by_name[readable], by_name[readable]
    assert "cannot be decoded" in by_name["unimplemented_pixel_format.dds"]["error"]
    assert by_name["seven.png"]["digit"] == 7


def test_a_model_with_nan_weights_is_refused_in_one_line(tmp_path, capsys):
    import torch

    from digitpad.engine.models.zoo import build_model
    from digitpad.engine.spec.config import TrainConfig
    from digitpad.engine.store.checkpoints import make_checkpoint, save_checkpoint

    model = build_model("lenet5")
    with torch.no_grad():
        model.classifier[-1].bias[3] = float("nan")
    path = save_checkpoint(make_checkpoint(model, TrainConfig(), {}), tmp_path / "nan.safetensors")
    image = tmp_path / "digit.png"
    Image.new("L", (40, 40), 255).save(image)
    for argv in (["predict", str(image), "--model", str(path)], ["eval", "--model", str(path)]):
        code = main([*argv, "--json"])
        captured = capsys.readouterr()
        assert code == 1 and captured.out == "", argv
        (line,) = captured.err.strip().splitlines()
        assert "NaN or infinite" in line and "nan.safetensors" in line


def test_json_output_never_holds_nan(capsys):
    from digitpad.cli.output import emit

    emit({"loss": float("nan"), "values": [1.0, float("inf")], "nested": {"x": float("-inf")}})
    assert json.loads(capsys.readouterr().out) == {"loss": None, "values": [1.0, None], "nested": {"x": None}}


HELP_WITHOUT_TORCH = """
import contextlib, io, sys
from digitpad.cli import build_parser, main
for argv in (["--help"], ["train", "--help"], ["predict", "--help"]):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main(argv)
print("torch" in sys.modules)
"""


def test_help_needs_no_torch_and_shows_examples_and_every_default():
    """torch takes seconds to import: the help must not wait for it."""
    result = subprocess.run([sys.executable, "-c", HELP_WITHOUT_TORCH], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
    top, train = run_process("--help").stdout, run_process("train", "--help").stdout
    assert "examples:" in top and "digitpad predict" in top
    assert train.count("(default: ") >= 18


def test_version_json_anywhere_and_a_closed_pipe(capsys):
    version = run_process("-V")
    assert version.returncode == 0 and version.stdout.startswith("digitpad ")
    code, before = run_json(capsys, "archs")
    assert code == main(["--json", "archs"]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == before
    pipeline = f"set -o pipefail; '{sys.executable}' -m digitpad archs --json | head -1"  # digitpad's own status
    piped = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0 and piped.stderr == "" and json.loads(piped.stdout)["name"] == "lenet5-1998"


@pytest.mark.parametrize("name", ["lenet5", "lenet5-1998", "lenet-wide"])
def test_an_exported_onnx_model_answers_as_digitpad_does(tmp_path, capsys, mnist, name):
    import onnxruntime

    from digitpad.engine.reading.predictor import Predictor
    from digitpad.engine.store.catalog import resolve_model

    code, (record,) = run_json(capsys, "export", name, str(tmp_path / f"{name}.onnx"))
    assert code == 0 and record["bytes"] > 10_000
    session = onnxruntime.InferenceSession(record["onnx"], providers=["CPUExecutionProvider"])
    images = mnist.test.raw_images[:500].astype(np.float32)[:, None] / 255.0
    (theirs,) = session.run(["probabilities"], {"image": images})
    ours = Predictor(resolve_model(name)).probabilities(mnist.test.raw_images[:500])
    assert np.abs(theirs - ours).max() < 1e-4


def test_export_without_the_extra_says_how_to_get_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxscript", None)  # as if `pip install digitpad[export]` was not run
    code = main(["export", "lenet5", str(tmp_path / "m.onnx")])
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and "pip install 'digitpad[export]'" in line and not (tmp_path / "m.onnx").exists()


def test_every_option_of_every_command_says_its_default():
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in commands.choices.items():
        for action in command._actions:
            if action.option_strings and action.dest not in ("help", "json"):
                assert "(default: " in (action.help or ""), (name, action.option_strings)


def test_a_run_stopped_by_ctrl_c_and_resumed_ends_as_the_run_never_stopped(tmp_path, mnist):
    """`digitpad train` interrupted after its first epoch, then `train --resume`: the same weights, bit for bit."""
    import signal

    from digitpad.engine.store.checkpoints import load_checkpoint
    from tests.helpers import write_dataset

    write_dataset(tmp_path / "data", mnist.train.raw_images[:3000], mnist.train.raw_labels[:3000])
    run = ["train", "--arch", "lenet5", "--seed", "0", "--threads", "1", "--epochs", "3", "--styles", "0",
           "--scans", "0", "--augment", "affine", "--data-dir", str(tmp_path / "data"), "--json"]  # fmt: skip
    whole, cut = tmp_path / "whole.safetensors", tmp_path / "cut.safetensors"
    assert run_process(*run, "--out", str(whole)).returncode == 0
    process = subprocess.Popen([sys.executable, "-m", "digitpad", *run, "--out", str(cut)], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    first_epoch = json.loads(process.stdout.readline())
    process.send_signal(signal.SIGINT)  # Ctrl-C during epoch 2
    records = [json.loads(line) for line in process.stdout]
    assert process.wait(60) == 0 and first_epoch["epoch"] == 1 and records[-1]["reason"] == "stopped"
    resumed = run_process("train", "--resume", str(cut), "--data-dir", str(tmp_path / "data"), "--json")
    assert resumed.returncode == 0, resumed.stderr
    a, b = load_checkpoint(whole), load_checkpoint(cut)
    assert a.test_accuracy == b.test_accuracy
    assert all(np.array_equal(a.state_dict[k].numpy(), b.state_dict[k].numpy()) for k in a.state_dict)


def test_my_handwriting_from_the_command_line(capsys, tmp_path, mnist):
    """handwriting show/export/import, eval --dataset mine, train --from MODEL --dataset mine and its comparison."""
    from tests.helpers import add_mnist_digits

    add_mnist_digits(mnist, 30)
    code, [shown] = run_json(capsys, "handwriting")
    assert code == 0 and shown["samples"] == 30 and 0 < shown["held_back"] < 30
    code, [exported] = run_json(capsys, "handwriting", "export", str(tmp_path / "mine.zip"))
    assert code == 0 and exported["exported"] == 30
    code, [imported] = run_json(capsys, "handwriting", "import", str(tmp_path / "mine.zip"))
    assert code == 0 and imported["imported"] == 0 and imported["already_here"] == 30
    code, [scored] = run_json(capsys, "eval", "--model", "lenet5", "--dataset", "mine")
    assert code == 0 and scored["dataset"] == "mine" and sum(map(sum, scored["confusion_matrix"])) == shown["held_back"]
    code, records = run_json(capsys, "train", "--from", "lenet5", "--dataset", "mine", "--max-steps", "20",
                             "--out", str(tmp_path / "lenet5-mine.safetensors"))  # fmt: skip
    comparison = records[-1]["comparison"]
    assert code == 0 and comparison["parent"] == "lenet5" and comparison["test_images"] == shown["held_back"]
    assert comparison["mnist_after"] > 0.95 and comparison["before"] == scored["test_accuracy"]
