"""Images and datasets: preprocessing any image into MNIST's 28x28, IDX files, image folders, My handwriting,
generated digits and training-time augmentation."""
