-- expect: P-03
UPDATE person SET email = NULL WHERE id = 'P-03';
