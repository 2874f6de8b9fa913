/** Every limit in one place, with where the number comes from. */

/** Files whose diff or blob is larger than this are not blamed or scanned (GitHub's contents API stops at 1 MB too). */
export const MAX_FILE_BYTES = 1_000_000;

/** A single git process may print at most this much before we stop it (protects against hostile repos). */
export const MAX_GIT_OUTPUT_BYTES = 512 * 1024 * 1024;

/** Wall-clock cap for one git process. */
export const GIT_TIMEOUT_MS = 120_000;

/** How many `git blame` processes run at once (the machine has 2 cores; blame is I/O-bound). */
export const BLAME_CONCURRENCY = 4;

/** GitHub lists at most 3,000 files per pull request (REST "List pull request files"). */
export const MAX_PR_FILES = 3_000;

/** Check-run output.summary / output.text limit in bytes (GitHub REST "Create a check run"). */
export const MAX_CHECK_SUMMARY_BYTES = 65_535;

/** Configuration files larger than this are refused. */
export const MAX_CONFIG_BYTES = 256 * 1024;

/** Event payload files larger than this are refused (GitHub does not deliver webhooks over 25 MB). */
export const MAX_EVENT_BYTES = 25 * 1024 * 1024;

/** A changed file with more added lines than this is marked "too large" and not blamed (GitHub's diff media type stops at 20,000 lines). */
export const MAX_FILE_ADDED_LINES = 20_000;

/** At most this much of a git process's stderr is kept for error messages. */
export const MAX_GIT_STDERR_BYTES = 64 * 1024;

/** A rule file larger than this is refused (the largest files in semgrep/semgrep-rules are well under 100 KB). */
export const MAX_RULE_FILE_BYTES = 1024 * 1024;

/** A rules directory holding more rule files than this is refused (semgrep/semgrep-rules has about 2,000). */
export const MAX_RULE_FILES = 10_000;

/** Default wall-clock cap for one engine run over a set of files. */
export const ENGINE_TIMEOUT_MS = 300_000;

/** Memory cap handed to Semgrep (`--max-memory`, MiB); the runner has 7 GB (GitHub-hosted Linux runner). */
export const SEMGREP_MAX_MEMORY_MIB = 4096;

/** The Semgrep process may print at most this much JSON before we stop it. */
export const MAX_ENGINE_OUTPUT_BYTES = 256 * 1024 * 1024;

/** At most this much of an engine's stderr (its tail) is kept for error messages. */
export const MAX_ENGINE_STDERR_BYTES = 8 * 1024;

/** `scan` refuses to walk more files than this (a pull request has at most 3,000; a repository scan more). */
export const MAX_SCAN_TARGETS = 50_000;

/** Bytes inspected for a NUL to decide a file is binary (git's own heuristic looks at the first 8,000). */
export const BINARY_SNIFF_BYTES = 8 * 1024;

/** `git blame` is limited to the added lines with one `-L` per range, up to this many ranges (beyond: the whole file). */
export const MAX_BLAME_LINE_RANGES = 200;

/** Output cap for the one `git log -p` that replays per-commit patches; past it, files are blamed one by one instead. */
export const MAX_REPLAY_LOG_BYTES = 64 * 1024 * 1024;

/** Annotations per check-run create/update request (GitHub REST "Update a check run": at most 50; further PATCHes append). */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;

/** Annotations one check run carries at most (10 PATCHes); past it the summary says "showing N of M". */
export const MAX_CHECK_ANNOTATIONS = 500;

/** Check-run output.title limit in characters (GitHub REST "Create a check run"). */
export const MAX_CHECK_TITLE_CHARS = 255;

/** Check-run action buttons: at most 3, label ≤ 20, description ≤ 40, identifier ≤ 20 characters (GitHub REST "Create a check run"). */
export const MAX_CHECK_ACTIONS = 3;
export const MAX_CHECK_ACTION_LABEL_CHARS = 20;
export const MAX_CHECK_ACTION_DESCRIPTION_CHARS = 40;
export const MAX_CHECK_ACTION_IDENTIFIER_CHARS = 20;

/** Wall-clock cap for one App analysis (snapshot, config, detection, pipeline); past it the check run ends `timed_out`. The engine alone may take ENGINE_TIMEOUT_MS. */
export const ANALYSIS_TIMEOUT_MS = 600_000;

/** Analyses the App runs at once (the embedded engine is CPU-bound); the rest wait with their check run in progress. */
export const MAX_CONCURRENT_ANALYSES = 2;

/** Webhook delivery ids remembered to drop redeliveries (GitHub keeps the X-GitHub-Delivery id on redelivery). */
export const MAX_REMEMBERED_DELIVERIES = 5_000;

/** A second "code" trigger (push, check_suite.requested) for a head SHA analysed this recently is a duplicate. */
export const DUPLICATE_TRIGGER_WINDOW_MS = 10 * 60_000;

/** Pages of open pull requests searched for a head SHA when a check event names no pull request (forks); 100 per page. */
export const MAX_PULL_LOOKUP_PAGES = 3;

/** GitHub GraphQL: `first` on a connection is at most 100 (GraphQL "Node limit"); REST `per_page` is at most 100 too. */
export const GITHUB_PAGE_SIZE = 100;

/** GitHub lists at most 250 commits of a pull request (REST "List commits on a pull request"; GraphQL stops there too). */
export const MAX_PR_COMMITS = 250;

/**
 * Aliased `Commit.blame(path:)` fields per GraphQL query. GitHub stops any
 * GraphQL query after 10 seconds ("Timeouts" in the GraphQL rate-limit docs)
 * and blame is its slowest field, so a few files per query; a batch that
 * fails is asked again in halves, down to one file per query.
 */
export const MAX_BLAME_FILES_PER_QUERY = 25;

/** Aliased blob reads (`object(expression:)` with `text`) per GraphQL query: cheap lookups, but the answer carries their text within GitHub's 10 s GraphQL timeout. */
export const MAX_BLOBS_PER_QUERY = 100;

/**
 * Files per tree-entry GraphQL query: `file(path:)`, `history(path:, first: 2)`,
 * and `blame(path:)` only for files the pull request created (their history is
 * the PR's, so their blame is short). Bounded by the same 10 s timeout; a
 * failing batch is split in halves.
 */
export const MAX_TREE_ENTRIES_PER_QUERY = 100;

/** Retries of one GitHub request after a 5xx, a secondary rate limit or GraphQL RATE_LIMITED (4 attempts in all). */
export const GITHUB_MAX_RETRIES = 3;

/** Longest wait before a retry; a rate limit resetting later fails at once (the primary limit resets hourly, GitHub asks for at least a minute after a secondary one). */
export const GITHUB_MAX_RETRY_WAIT_MS = 120_000;

/** Requests in flight at once for one snapshot (GitHub's secondary limit is 100 concurrent; it asks integrations to stay near serial). */
export const GITHUB_CONCURRENCY = 4;
