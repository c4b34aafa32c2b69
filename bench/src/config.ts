// Sizes of the dataset and of every load run; the quick profile keeps a whole run short enough to try changes.
export interface DatasetConfig {
  users: number;
  groups: number;
  /** Members of group 1, the large group whose members page is loaded. */
  bigGroupMembers: number;
  /** Most groups one user may be in (the service's cap). */
  maxGroupsPerUser: number;
  /** Exponent of the power law of groups per user: higher means fewer users in many groups. */
  groupsPerUserExponent: number;
  /** Groups 2…(1 + this) carry an active face-to-face code; join-by-code targets them. */
  codeGroups: number;
  /**
   * Members seeded into group 2, the large code group: joins into it are measured against joins into the other code
   * groups, which hold only their owner. Below the 3,000-member cap, so that the runs' joins still fit.
   */
  largeCodeGroupMembers: number;
  /** Users that join by code (never seeded into a code group) and users that create groups. */
  joinerUsers: number;
  creatorUsers: number;
  /** Rounds of (joiner, code group) pairs prepared: pairs = joinerUsers × joinRounds. */
  joinRounds: number;
  seed: number;
}

export interface LoadConfig {
  concurrencies: number[];
  runSeconds: number;
  /** One short run per target and endpoint before its first measured run (JIT, caches, connection pools). */
  warmupSeconds: number;
  soakSeconds: number;
  soakConnections: number;
  /** Autocannon's per-request timeout; a timed-out request counts as an error. */
  timeoutSeconds: number;
  /**
   * Longest wait for the machine to go quiet before a run (requests the previous run abandoned are still being
   * served). Between endpoints a machine still busy after it is reset; between concurrencies the run goes ahead.
   */
  maxDrainSeconds: number;
}

export interface BenchConfig {
  dataset: DatasetConfig;
  load: LoadConfig;
}

export const FULL_CONFIG: BenchConfig = {
  dataset: {
    users: 20_000,
    groups: 5_000,
    bigGroupMembers: 3_000,
    maxGroupsPerUser: 50,
    groupsPerUserExponent: 1.6,
    codeGroups: 1_000,
    largeCodeGroupMembers: 2_000,
    joinerUsers: 5_000,
    creatorUsers: 5_000,
    joinRounds: 10,
    seed: 20_240_601,
  },
  load: {
    concurrencies: [1, 16, 64],
    runSeconds: 4,
    warmupSeconds: 0.5,
    soakSeconds: 120,
    soakConnections: 64,
    timeoutSeconds: 10,
    maxDrainSeconds: 0.75,
  },
};

/** `--quick`: the same matrix on a small dataset with short runs, to check the harness end to end. */
export const QUICK_CONFIG: BenchConfig = {
  dataset: {
    ...FULL_CONFIG.dataset,
    users: 2_000,
    groups: 500,
    bigGroupMembers: 300,
    codeGroups: 100,
    largeCodeGroupMembers: 200,
    joinerUsers: 500,
    creatorUsers: 500,
  },
  load: { ...FULL_CONFIG.load, runSeconds: 1, warmupSeconds: 0.3, soakSeconds: 5 },
};
