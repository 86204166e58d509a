-- Which app instance handled the call, for several instances sharing one database (scale-out
-- behind Kamailio's dispatcher). NULL for calls recorded before this column existed.
ALTER TABLE calls ADD COLUMN instance VARCHAR(255);
CREATE INDEX calls_instance ON calls (instance);
