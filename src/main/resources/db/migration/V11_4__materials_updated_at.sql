-- Issue 17: each node's leak guard looks every 30 s for materials changed (by any node) since its last look.
CREATE INDEX materials_updated_at ON materials (updated_at);
