// Tests here count live 'claude' processes, so they must not overlap with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
