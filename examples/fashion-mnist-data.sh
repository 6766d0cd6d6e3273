# Sourced by the Fashion-MNIST examples: the data set from Debian's
# dataset-fashion-mnist package, installed when missing (as root).
fashion_mnist_dir=/usr/share/datasets/fashion-mnist
fashion_mnist_spec() {
  local d=$fashion_mnist_dir
  if [ ! -f "$d/train-images-idx3-ubyte.gz" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing Debian's dataset-fashion-mnist (Fashion-MNIST, 30 MB)" >&2
      apt-get install -y -qq dataset-fashion-mnist >&2 || {
        echo "error: apt-get install dataset-fashion-mnist failed" >&2; exit 1; }
    else
      echo "error: $d not found; install it: apt-get install dataset-fashion-mnist" >&2
      exit 1
    fi
  fi
  echo "idx:x=$d/train-images-idx3-ubyte.gz,y=$d/train-labels-idx1-ubyte.gz,test_x=$d/t10k-images-idx3-ubyte.gz,test_y=$d/t10k-labels-idx1-ubyte.gz"
}
