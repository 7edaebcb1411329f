// One node per name key that resolution decides on: an ingest locks the keys of its mentions before it resolves
// them, so two ingests naming the same new entity at once decide one after the other, as if run in sequence.
CREATE CONSTRAINT resolution_lock IF NOT EXISTS FOR (l:ResolutionLock) REQUIRE l.key IS UNIQUE;
