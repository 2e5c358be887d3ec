"""Run `pipeline` on Apache Spark: pack -> map (executors) -> shuffle -> reduce -> finalize (driver).

A thin driver: every decision is made by the `pipeline` binary, so the datasets are
byte-identical to `pipeline --config pipeline.json` on one machine. See docs/spark.md.

    spark-submit --master yarn \
        --files dist/pipeline,dist/pipeline-resources.tar.gz,pipeline.json \
        contrib/spark/pipeline_spark.py --input hdfs:///news/packed --out /srv/pipeline/output

The binary, its resource bundles (as a tar.gz) and the config are shipped with `--files` and
found with `SparkFiles.get`; each step runs as a subprocess whose exit status is checked, so a
crash fails the task (Spark retries it) instead of truncating its output.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

DRIVER_VERSION = "1"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True, help="JSON-lines document records (`pipeline pack` output): a directory, file or glob Spark can read")
    parser.add_argument("--out", required=True, help="local directory on the driver for the datasets (replaced atomically)")
    parser.add_argument("--binary", default="pipeline", help="name of the pipeline binary shipped with --files")
    parser.add_argument("--config", default="pipeline.json", help="name of the config shipped with --files")
    parser.add_argument("--resources", default="pipeline-resources.tar.gz",
                        help="name of the resource bundles archive shipped with --files ('' when the binary needs none)")
    parser.add_argument("--map-partitions", type=int, default=0, help="repartition the input records (0: keep Spark's input splits)")
    parser.add_argument("--reduce-partitions", type=int, default=0, help="partitions of the band shuffle (0: spark.default.parallelism)")
    parser.add_argument("--workers-per-task", type=int, default=1, help="documents one map task analyses at once (match spark.task.cpus)")
    parser.add_argument("--local-dir", default=None, help="driver-side scratch directory for finalize's input (default: a temporary one)")
    return parser.parse_args(argv)


def shipped(name):
    """The local path of a file shipped with --files (on the driver or an executor)."""
    from pyspark import SparkFiles

    path = SparkFiles.get(name)
    if not os.path.exists(path):
        raise RuntimeError(f"{name} was not shipped: pass it to spark-submit --files (looked in {path})")
    return path


def prepare_binary(binary_name, resources_name):
    """The binary's path, executable, with its resource bundles unpacked beside it.

    Swift resource bundles (`pipeline_Normalize.resources`…) are looked up next to the
    executable; `--files` ships flat files only, so they travel as one tar.gz and are unpacked
    once per directory (atomically, so concurrent tasks never see a half-written bundle).
    """
    binary = shipped(binary_name)
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    if resources_name:
        archive = shipped(resources_name)
        directory = os.path.dirname(binary)
        with tarfile.open(archive) as tar:
            bundles = sorted({member.name.split("/")[0] for member in tar.getmembers() if member.name.split("/")[0].endswith(".resources")})
            missing = [name for name in bundles if not os.path.isdir(os.path.join(directory, name))]
            if missing:
                staging = tempfile.mkdtemp(dir=directory, prefix=".resources-")
                tar.extractall(staging)
                for name in missing:
                    try:
                        os.rename(os.path.join(staging, name), os.path.join(directory, name))
                    except OSError:
                        if not os.path.isdir(os.path.join(directory, name)):
                            raise
                shutil.rmtree(staging, ignore_errors=True)
        for name in bundles:
            if not os.path.isdir(os.path.join(directory, name)):
                raise RuntimeError(f"resource bundle {name} is missing beside {binary}")
    return binary


def run_step(step, args, extra=()):
    """A mapPartitions function that pipes a partition's lines through `pipeline STEP`."""
    binary_name, config_name, resources_name = args.binary, args.config, args.resources

    def run(lines):
        binary = prepare_binary(binary_name, resources_name)
        config = shipped(config_name)
        with tempfile.TemporaryFile() as given, tempfile.TemporaryFile() as produced, tempfile.TemporaryFile() as errors:
            for line in lines:
                given.write(line.encode("utf-8"))
                given.write(b"\n")
            given.seek(0)
            status = subprocess.call([binary, step, "--config", config, *extra], stdin=given, stdout=produced, stderr=errors)
            if status != 0:
                errors.seek(0)
                message = errors.read()[-4000:].decode("utf-8", "replace").strip()
                raise RuntimeError(f"pipeline {step} exited with status {status}: {message}")
            produced.seek(0)
            for raw in produced:
                yield raw.rstrip(b"\n").decode("utf-8")

    return run


def bucket_partition(key):
    """Spreads band keys (16 hex digits) over partitions, the same on every executor."""
    return int(key, 16)


def write_lines(rdd, directory, name):
    """Streams an RDD to local files on the driver, one file per partition."""
    os.makedirs(directory, exist_ok=True)
    count = 0
    with open(os.path.join(directory, name), "w", encoding="utf-8", newline="\n") as out:
        for line in rdd.toLocalIterator():
            out.write(line)
            out.write("\n")
            count += 1
    return count


def main(argv):
    args = parse_args(argv)
    from pyspark import SparkConf, SparkContext

    sc = SparkContext(conf=SparkConf().setAppName(f"pipeline (driver v{DRIVER_VERSION})"))
    started = time.monotonic()
    try:
        records = sc.textFile(args.input)
        if args.map_partitions > 0:
            records = records.repartition(args.map_partitions)
        mapped = records.mapPartitions(run_step("map", args, ["--workers", str(args.workers_per_task)])).cache()

        reduce_partitions = args.reduce_partitions or sc.defaultParallelism
        bands = (
            mapped.filter(lambda line: line.startswith("B\t"))
            .map(lambda line: (line.split("\t", 2)[1], line))
            .repartitionAndSortWithinPartitions(reduce_partitions, partitionFunc=bucket_partition)
            .values()
        )
        pairs = bands.mapPartitions(run_step("reduce", args)).cache()
        documents = mapped.filter(lambda line: line.startswith("D\t") or line.startswith("R\t"))

        # Run map, then shuffle and reduce, on all executors at once; the driver then streams
        # the cached results partition by partition.
        n_lines = mapped.count()
        pairs.count()
        print(f"pipeline_spark: map wrote {n_lines} lines, reduce done in {time.monotonic() - started:.1f} s", file=sys.stderr)

        local = args.local_dir or tempfile.mkdtemp(prefix="pipeline-spark-")
        docs_dir, pairs_dir = os.path.join(local, "docs"), os.path.join(local, "pairs")
        for directory in (docs_dir, pairs_dir):
            shutil.rmtree(directory, ignore_errors=True)
        n_docs = write_lines(documents, docs_dir, "part-00000")
        n_pairs = write_lines(pairs, pairs_dir, "part-00000")
        mapped.unpersist()
        pairs.unpersist()
        print(f"pipeline_spark: {n_docs} document lines, {n_pairs} pair lines in {time.monotonic() - started:.1f} s", file=sys.stderr)

        binary = prepare_binary(args.binary, args.resources)
        status = subprocess.call([binary, "finalize", "--config", shipped(args.config), "--docs", docs_dir, "--pairs", pairs_dir, "--out", args.out])
        if status != 0:
            raise SystemExit(f"pipeline finalize exited with status {status}")
        if not args.local_dir:
            shutil.rmtree(local, ignore_errors=True)
        print(f"pipeline_spark: done in {time.monotonic() - started:.1f} s", file=sys.stderr)
    finally:
        sc.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
