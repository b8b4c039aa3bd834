"""Runs stance on Apache Spark: prediction with RDD.pipe, training with MLlib.

Used by Scripts/check-spark.sh; each subcommand is also usable on its own (see --help).

  corpus  OUT.jsonl                      a JSONL corpus from Examples/articles/*.txt and TrainingData/test.jsonl
  pipe    --predict BIN --corpus C --parquet DIR --direct ROWS.jsonl [--model-dir DIR] [--master M]
          pipes the corpus through stance-predict with RDD.pipe, writes the rows as Parquet,
          reads them back and checks they equal a direct run row for row
  mllib   --export DIR [--master M]      trains MLlib's multinomial LogisticRegression on DIR/train.libsvm
          with the regParam the export's feature map gives, writes DIR/mllib-weights.json
  agree   NATIVE.jsonl MLLIB.jsonl       stance agreement of two stance-predict outputs, row by row

The pipe command is the stance-predict binary itself: on a cluster, install it on every
node (Scripts/install.sh PREFIX, same PREFIX everywhere) and the same code runs with
--master yarn or spark://...: each partition streams its articles through one process.
"""
import argparse
import glob
import json
import os
import sys


def fail(message):
    print(f"spark_stance.py: {message}", file=sys.stderr)
    sys.exit(1)


def make_corpus(args):
    """Every article as one JSONL line with a unique id (ids must not depend on partitioning)."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    lines = []
    for path in sorted(glob.glob(os.path.join(root, "Examples", "articles", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        lines.append({"id": "example-" + os.path.splitext(os.path.basename(path))[0], "text": text})
    with open(os.path.join(root, "TrainingData", "test.jsonl"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            article = json.loads(line)
            row = {"id": article["id"], "text": article["text"]}
            for key in ("title", "date"):
                if article.get(key):
                    row[key] = article[key]
            lines.append(row)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for row in lines:
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    os.replace(tmp, args.out)
    print(f"corpus: {len(lines)} articles -> {args.out}")


def spark_session(master, name):
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master(master).appName(name)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())


ROW_FIELDS = ["document", "sentence", "start", "end", "actor", "mention", "resolved", "stance", "sentiment", "date", "text"]


def row_schema():
    from pyspark.sql.types import (DoubleType, IntegerType, LongType, MapType, StringType, StructField, StructType)
    ints = {"sentence", "start", "end"}
    fields = [StructField("ordinal", LongType(), False)]
    fields += [StructField(name, IntegerType() if name in ints else StringType(), name == "date") for name in ROW_FIELDS]
    fields += [StructField("stance_probabilities", MapType(StringType(), DoubleType()), False),
               StructField("sentiment_probabilities", MapType(StringType(), DoubleType()), False)]
    return StructType(fields)


def to_record(pair):
    line, ordinal = pair
    row = json.loads(line)
    return tuple([ordinal] + [row.get(name) for name in ROW_FIELDS]
                 + [row["stance_probabilities"], row["sentiment_probabilities"]])


def pipe(args):
    import shlex
    spark = spark_session(args.master, "stance-predict via RDD.pipe")
    sc = spark.sparkContext
    command = [os.path.abspath(args.predict), "--format", "jsonl", "--quiet"]
    if args.model_dir:
        command += ["--model-dir", os.path.abspath(args.model_dir)]
    # Each partition's articles stream through one stance-predict process (stdin -> stdout);
    # the output keeps partition and line order, so zipWithIndex numbers rows like a direct run.
    articles = sc.textFile(os.path.abspath(args.corpus), minPartitions=args.partitions)
    rows = articles.pipe(" ".join(shlex.quote(c) for c in command), env={"LC_ALL": "C.UTF-8"}).zipWithIndex().map(to_record)
    spark.createDataFrame(rows, row_schema()).write.mode("overwrite").parquet(args.parquet)
    back = spark.read.parquet(args.parquet).orderBy("ordinal").collect()
    with open(args.direct, encoding="utf-8") as f:
        direct = [json.loads(line) for line in f if line.strip()]
    print(f"spark: {articles.getNumPartitions()} partitions of {articles.count()} articles piped through "
          f"{os.path.basename(args.predict)} on {args.master}; {len(back)} rows written to {args.parquet}")
    if len(back) != len(direct):
        fail(f"{len(back)} rows from Spark but {len(direct)} from the direct run")
    for i, (spark_row, want) in enumerate(zip(back, direct)):
        got = spark_row.asDict()
        for name in ROW_FIELDS:
            if got[name] != want.get(name):
                fail(f"row {i + 1} ({want.get('document')}, sentence {want.get('sentence')}): {name} is {got[name]!r} via Spark but {want.get(name)!r} directly")
        for name in ("stance_probabilities", "sentiment_probabilities"):
            if dict(got[name]) != want[name]:
                fail(f"row {i + 1} ({want.get('document')}): {name} differ: {dict(got[name])} vs {want[name]}")
    documents = len({row["document"] for row in direct})
    print(f"rows compared: {len(direct)} (from {documents} documents): Parquet rows equal the direct run row for row, "
          f"probabilities bit for bit")
    spark.stop()


def mllib(args):
    from pyspark.ml.classification import LogisticRegression
    with open(os.path.join(args.export, "feature-map.json"), encoding="utf-8") as f:
        feature_map = json.load(f)
    n_features, reg_param = feature_map["featureCount"], feature_map["regParam"]
    spark = spark_session(args.master, "stance MLlib training")
    train = spark.read.format("libsvm").option("numFeatures", n_features).load(os.path.join(args.export, feature_map["trainFile"]))
    # Same objective as stance-train: elasticNetParam 0 is pure L2; standardization off so the
    # penalty falls on the weights themselves; regParam = λ / rows (MLlib averages the loss).
    lr = LogisticRegression(family="multinomial", regParam=reg_param, elasticNetParam=0.0, standardization=False,
                            fitIntercept=True, maxIter=args.max_iter, tol=args.tol)
    model = lr.fit(train)
    iterations = model.summary.totalIterations
    weights = {
        "coefficientMatrix": model.coefficientMatrix.toArray().tolist(),
        "interceptVector": model.interceptVector.toArray().tolist(),
        "numFeatures": model.numFeatures, "numClasses": model.numClasses,
        "regParam": reg_param, "elasticNetParam": 0.0, "standardization": False, "fitIntercept": True,
        "totalIterations": iterations, "converged": iterations < args.max_iter,
    }
    out = os.path.join(args.export, "mllib-weights.json")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump(weights, f)
    os.replace(out + ".tmp", out)
    print(f"mllib: multinomial LogisticRegression on {train.count()} rows x {n_features} features, regParam {reg_param} "
          f"(λ {feature_map['l2Penalty']}), {iterations} iterations -> {out}")
    spark.stop()


def agree(args):
    def read(path):
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    native, imported = read(args.native), read(args.mllib)
    if len(native) != len(imported):
        fail(f"{len(native)} rows from the native model but {len(imported)} from the MLlib model")
    keys = [(r["document"], r["sentence"], r["start"], r["end"]) for r in native]
    if keys != [(r["document"], r["sentence"], r["start"], r["end"]) for r in imported]:
        fail("the two runs found different mentions (they share the gazetteer, so they must not)")
    same = sum(a["stance"] == b["stance"] for a, b in zip(native, imported))
    delta = max((abs(a["stance_probabilities"][k] - b["stance_probabilities"][k])
                 for a, b in zip(native, imported) for k in a["stance_probabilities"]), default=0.0)
    share = same / len(native) if native else 1.0
    print(f"agreement of the MLlib-trained and native stance models on held-out predictions: {same}/{len(native)} = "
          f"{100 * share:.2f}% (largest probability difference {delta:.2g})")
    if share < args.floor:
        fail(f"agreement {100 * share:.2f}% is below the floor {100 * args.floor:.0f}%")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("corpus"); p.add_argument("out"); p.set_defaults(run=make_corpus)
    p = sub.add_parser("pipe")
    p.add_argument("--predict", required=True); p.add_argument("--corpus", required=True)
    p.add_argument("--parquet", required=True); p.add_argument("--direct", required=True)
    p.add_argument("--model-dir"); p.add_argument("--master", default="local[2]")
    p.add_argument("--partitions", type=int, default=4); p.set_defaults(run=pipe)
    p = sub.add_parser("mllib")
    p.add_argument("--export", required=True); p.add_argument("--master", default="local[2]")
    p.add_argument("--max-iter", type=int, default=1000); p.add_argument("--tol", type=float, default=1e-10)
    p.set_defaults(run=mllib)
    p = sub.add_parser("agree")
    p.add_argument("native"); p.add_argument("mllib"); p.add_argument("--floor", type=float, default=0.99)
    p.set_defaults(run=agree)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
