/**
 * Datasets in the LeRobot v3.0 layout, recorded by {@code vla4j sim record} and read by the trainer.
 *
 * <pre>
 * meta/info.json                               codebase_version "v3.0", totals, fps, splits, data_path, features
 * meta/stats.json                              per feature: min, max, mean, std, count, q01, q10, q50, q90, q99
 * meta/tasks.parquet                           task_index, task (pandas index metadata: task)
 * meta/episodes/chunk-000/file-000.parquet     one row per episode (up to 1000 per file)
 * data/chunk-000/file-000.parquet              one episode per file, 1000 files per chunk
 * </pre>
 *
 * Images are LeRobot {@code image} features: PNG bytes in a {@code {bytes, path}} struct column (no video).
 * Files are UNCOMPRESSED Parquet, written and read without Hadoop on the runtime classpath.
 *
 * <p><b>What a real LeRobot (Python) needs to read it</b> (not verified here: no pyarrow or lerobot on this
 * machine): {@code LeRobotDataset(repo_id, root=folder)} with a LeRobot that reads codebase v3.0. It loads
 * {@code data/*}{@code /*.parquet} with the HF features built from info.json (Value, Sequence(length=n), Image),
 * which must cast our LIST columns to fixed-length sequences; tasks come from the pandas metadata we write;
 * per-episode {@code stats/...} columns and {@code videos/...} columns are absent (no videos). After a crash
 * during a commit, LeRobot's glob would also pick up an orphan data file that our reader ignores: delete data
 * files whose episode is not in meta/episodes before handing such a folder to LeRobot.
 */
package dev.vla4j.policy.dataset;
