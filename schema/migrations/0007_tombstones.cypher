// A deleted entity's id (and the merged ids that led to it): ingest never writes under it again, unless restored.
CREATE CONSTRAINT tombstone_id IF NOT EXISTS FOR (t:Tombstone) REQUIRE t.id IS UNIQUE;
