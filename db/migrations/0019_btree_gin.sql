-- btree_gin lets a trigram index lead with the province: police search people of their own province only, and a
-- GIN index on (province_code, name gin_trgm_ops) finds a common name's matches there without fetching its
-- namesakes of the other 24 provinces from the heap first (migration 0020).
CREATE EXTENSION IF NOT EXISTS btree_gin;
