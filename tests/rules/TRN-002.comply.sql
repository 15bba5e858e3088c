-- near miss: the course is planned (no date yet)
INSERT OR REPLACE INTO org_recommendation VALUES ('5.2(2)②', 1, NULL);
UPDATE training_course SET mandatory = 0 WHERE fiscal_year = 2026 AND kind = 'general';
INSERT INTO training_course VALUES ('rbt-t2', '情報セキュリティ研修', 'general', 2026, 1, NULL, NULL);
