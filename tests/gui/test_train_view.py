"""The Train view: a run reports live and ends cleanly, pause and stop, the form and its recipes, a run cut short
resumed."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from digitpad import paths
from digitpad.engine.spec.recipes import bundled_recipe, recipe
from digitpad.engine.store.checkpoints import load_checkpoint
from digitpad.gui.main_window import MainWindow
from digitpad.gui.training.controller import training_threads
from tests.gui_helpers import start_training


def test_a_training_run_reports_charts_finishes_and_its_model_joins_the_selector(window, qtbot):
    models_before = window.draw_view.model_selector.count()
    panel = start_training(window)
    assert panel.controller.worker.config == panel.config_from_form().with_changes(threads=training_threads())
    qtbot.waitUntil(lambda: panel.monitor.progress.value() > 0, timeout=30_000)
    qtbot.waitUntil(lambda: not panel.controller.running, timeout=120_000)
    assert panel.controller.last_finished is not None and panel.controller.last_finished.reason == "completed"
    assert panel.controller.last_finished.test_accuracy > 0.95
    qtbot.waitUntil(lambda: panel.monitor.accuracy_chart.point_count("test") == 1, timeout=2000)  # the next repaint
    assert panel.monitor.loss_chart.point_count("loss") > 5 and panel.monitor.accuracy_chart.point_count("train") > 5
    assert window.draw_view.model_selector.count() == models_before + 1
    assert panel.monitor.confusion.item(0, 10).text().endswith("%")
    assert "epoch 1/1" in panel.monitor.log.toPlainText()


def test_stop_mid_run_keeps_the_best_model(window, qtbot):
    panel = start_training(window, arch="cnn-small", epochs=20, batch=64)
    qtbot.waitUntil(lambda: panel.monitor.progress.value() > 0, timeout=30_000)
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not panel.controller.running, timeout=30_000)
    assert panel.controller.last_finished.reason == "stopped" and panel.controller.last_finished.epochs_completed < 20
    assert list(paths.user_models_dir().glob("cnn-small-*.safetensors"))
    assert panel.train_button.isEnabled()


def test_pause_holds_the_run_and_resume_carries_it_to_the_end(window, qtbot):
    from tests.helpers import WatchedEvent

    panel = start_training(window, arch="cnn-small", epochs=1, batch=128)
    qtbot.waitUntil(lambda: panel.monitor.progress.value() > 0, timeout=30_000)
    watched = WatchedEvent()
    watched.set()
    panel.controller.worker.control.running = watched  # the same gate, able to say when the loop waits at it
    panel.pause_button.click()
    assert panel.controller.paused and panel.pause_button.text() == "Resume"
    assert watched.waiting.wait(30)  # the training thread is held between two batches
    QApplication.processEvents()  # what it reported before it stopped reaches the view
    progress, points = panel.monitor.progress.value(), panel.monitor.loss_chart.point_count("loss")
    QApplication.processEvents()
    assert panel.monitor.progress.value() == progress and panel.monitor.loss_chart.point_count("loss") == points
    assert progress < 1000 and "(paused)" in panel.monitor.progress.format()
    panel.pause_button.click()
    assert not panel.controller.paused
    qtbot.waitUntil(lambda: not panel.controller.running, timeout=120_000)
    assert (
        panel.controller.last_finished.reason == "completed" and panel.monitor.loss_chart.point_count("loss") > points
    )


def test_closing_mid_run_stops_the_worker_and_keeps_the_best_model(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    panel = start_training(window, arch="cnn-small", epochs=20, batch=64)
    thread = panel.controller.thread
    qtbot.waitUntil(lambda: panel.monitor.progress.value() > 0, timeout=30_000)
    window.close()
    assert thread.isFinished()  # closeEvent stopped the worker and waited for its thread
    assert list(paths.user_models_dir().glob("cnn-small-*.safetensors"))


def test_closing_while_a_run_has_not_stopped_yet_keeps_the_window_and_says_so(window, qtbot):
    panel = start_training(window, arch="cnn-small", epochs=20, batch=64)
    qtbot.waitUntil(lambda: panel.monitor.progress.value() > 0, timeout=30_000)
    window.shutdown_timeout_ms = 0  # the run cannot have evaluated and saved in no time
    window.close()
    assert window.isVisible() and panel.controller.running  # the thread is alive, so the window that owns it stays
    dialog = window.findChild(QMessageBox, "errorDialog")
    assert dialog is not None and "has not stopped yet" in dialog.text()
    qtbot.waitUntil(
        lambda: not panel.controller.running, timeout=60_000
    )  # it stopped all the same: the user closes again
    assert panel.controller.last_finished.reason == "stopped"
    window.shutdown_timeout_ms = 60_000
    assert window.close()


def test_the_form_refuses_unusable_hyperparameters(window):
    panel = window.train_view
    panel.inputs["optimizer"].setCurrentIndex(panel.inputs["optimizer"].findData("adam"))
    panel.inputs["nesterov"].setChecked(True)
    panel.train_button.click()
    assert not panel.controller.running and "nesterov" in panel.form_error.text()
    panel.reset_button.click()
    assert panel.form_error.text() == "" and panel.inputs["optimizer"].currentData() == recipe("lenet5").optimizer
    assert not panel.inputs["nesterov"].isChecked()


def test_unavailable_devices_are_disabled_with_a_reason(window):
    from digitpad.engine.system.device import device_availability

    combo = window.train_view.inputs["device"]
    for name, reason in device_availability().items():
        item = combo.model().item(combo.findData(name))
        assert item.isEnabled() == (reason is None)
        if reason:
            assert item.toolTip() == reason


def test_the_train_view_opens_on_lenet5_and_its_quick_recipe(window):
    panel = window.train_view
    assert panel.arch.currentData() == "lenet5"  # not the registry's first, the 20-epoch LeNet-5 of 1998
    values = (panel.inputs[name].value() for name in ("epochs", "batch_size", "lr", "momentum", "beta2"))
    assert tuple(values) == (2, 256, 0.01, 0.7, 0.9)
    assert panel.inputs["first_conv"].currentData() == "edges" and not panel.inputs["cycle_momentum"].isChecked()
    assert panel.config_from_form() == recipe("lenet5")


def test_the_bundled_models_recipe_button_fills_what_the_bundled_model_was_trained_with(window):
    panel = window.train_view
    assert panel.bundled_button.isEnabled()
    panel.bundled_button.click()
    assert (
        panel.inputs["augment"].currentData() == "handwriting" and panel.inputs["first_conv"].currentData() == "learned"
    )
    assert panel.config_from_form() == bundled_recipe("lenet5")
    panel.reset_button.click()
    assert panel.inputs["first_conv"].currentData() == "edges"
    panel.select_arch("lenet-caffe")  # its bundled model was trained with the default recipe
    assert not panel.bundled_button.isEnabled()


def test_tutorial_recipe_button_fills_the_tutorials_settings(window):
    panel = window.train_view
    panel.arch.setCurrentIndex(panel.arch.findData("lenet-caffe"))
    assert panel.inputs["schedule"].currentData() == "onecycle"  # the improved recipe the bundled model used
    panel.tutorial_button.click()
    assert (panel.inputs["lr"].value(), panel.inputs["schedule"].currentData(), panel.inputs["epochs"].value()) == (
        0.01,
        "none",
        20,
    )
    panel.reset_button.click()
    assert panel.inputs["augment"].currentData() == "affine"


def test_an_interrupted_gui_run_is_offered_for_resume_and_resumes(qtbot, mnist):
    from digitpad import paths
    from digitpad.engine.spec.config import TrainConfig
    from digitpad.engine.training.run import train
    from digitpad.gui.main_window import MainWindow
    from digitpad.gui.training import run_journal

    # what a run killed after its first epoch leaves behind: its best model and the journal
    config = TrainConfig(arch="cnn-small", epochs=2, batch_size=128, lr=0.05, device="cpu", threads=1)
    saved = paths.user_models_dir() / "interrupted.safetensors"
    first = list(train(config.with_changes(max_steps=30), checkpoint_path=saved, data=mnist))[-1]
    run_journal.write(run_journal.RunRecord(config, saved, epochs_done=1))

    window = MainWindow()
    qtbot.addWidget(window)
    panel = window.train_view
    assert window.tabs.currentWidget() is panel and panel.resume_bar.isVisibleTo(window)
    assert "after epoch 1 of 2" in panel.resume_bar.label.text()
    panel.resume_bar.findChild(QPushButton, "resumeButton").click()
    assert panel.controller.running and not panel.resume_bar.isVisibleTo(window)
    qtbot.waitUntil(lambda: not panel.controller.running, timeout=120_000)
    assert panel.controller.last_finished.reason == "completed" and panel.controller.last_finished.epochs_completed == 2
    assert load_checkpoint(saved).test_accuracy >= first.test_accuracy
    assert run_journal.read() is None
    window.close()
