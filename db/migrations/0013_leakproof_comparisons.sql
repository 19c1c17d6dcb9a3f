-- Row-level security (0006) keeps the planner from using a condition of the query as an index condition unless
-- its function is LEAKPROOF, because a function that can fail or report on its arguments could reveal rows the
-- policies hide. PostgreSQL does not mark enum equality, LIKE/ILIKE, upper() or char-to-text leakproof, so under the policies every
-- status or crime-type filter and every free-text search became a sequential scan of a million cases
-- (docs/decisions/005-leakproof-comparisons.md). These functions compute their result from their arguments
-- alone; the only error they raise (a LIKE pattern ending in the escape character) depends on the pattern
-- the user typed, never on a row. Marking them needs a superuser: elsewhere the migration goes on and says so,
-- and the app stays correct, only slower.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION enum_eq(anyenum, anyenum) LEAKPROOF;
    ALTER FUNCTION enum_ne(anyenum, anyenum) LEAKPROOF;
    ALTER FUNCTION textlike(text, text) LEAKPROOF;
    ALTER FUNCTION texticlike(text, text) LEAKPROOF;
    ALTER FUNCTION upper(text) LEAKPROOF;
    ALTER FUNCTION text(character) LEAKPROOF;
  ELSE
    RAISE NOTICE 'Not a superuser: enum and LIKE comparisons stay non-leakproof; filtered lists and searches will scan under row-level security.';
  END IF;
END
$$;
