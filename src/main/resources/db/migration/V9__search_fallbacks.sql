-- Which fallback answered a query that found nothing with every word: NONE (nothing at all), MOST or ANY (issue 14).
ALTER TABLE search_misses ADD COLUMN answered_by VARCHAR(8) DEFAULT 'NONE' NOT NULL;
