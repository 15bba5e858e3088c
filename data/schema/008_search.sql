-- 008_search.sql — full-text search over the registers (SQLite FTS5, trigram tokenizer, so
-- Japanese text needs no word splitting; the web layer falls back to LIKE for queries of fewer
-- than three characters, which a trigram index cannot answer).
--
-- register_search_key maps (register, id) to a rowid; register_search holds the searchable
-- text of that row under the same rowid. Triggers on every register table keep both current,
-- so import, init --demo and the web forms need no code of their own. The columns of each
-- body are the REG_SEARCH columns of src/web/register_defs.c.

CREATE TABLE register_search_key (
  rowid INTEGER PRIMARY KEY,
  reg   TEXT NOT NULL,
  id    TEXT NOT NULL,
  UNIQUE (reg, id)
);

CREATE VIRTUAL TABLE register_search USING fts5(body, tokenize = 'trigram');

-- department
INSERT INTO register_search_key (reg, id) SELECT 'department', id FROM department ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.name, '')
  FROM department t JOIN register_search_key k ON k.reg = 'department' AND k.id = t.id;
CREATE TRIGGER department_search_insert AFTER INSERT ON department BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('department', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'department' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, ''));
END;
CREATE TRIGGER department_search_update AFTER UPDATE ON department BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'department' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'department' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'department' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, ''));
END;
CREATE TRIGGER department_search_delete AFTER DELETE ON department BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'department' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'department' AND id = OLD.id;
END;

-- person
INSERT INTO register_search_key (reg, id) SELECT 'person', id FROM person ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.name, '') || ' ' || COALESCE(t.kana, '') || ' ' || COALESCE(t.title, '') || ' ' || COALESCE(t.email, '')
  FROM person t JOIN register_search_key k ON k.reg = 'person' AND k.id = t.id;
CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('person', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'person' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.kana, '') || ' ' || COALESCE(NEW.title, '') || ' ' || COALESCE(NEW.email, ''));
END;
CREATE TRIGGER person_search_update AFTER UPDATE ON person BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'person' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'person' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'person' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.kana, '') || ' ' || COALESCE(NEW.title, '') || ' ' || COALESCE(NEW.email, ''));
END;
CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'person' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'person' AND id = OLD.id;
END;

-- role_assignment
INSERT INTO register_search_key (reg, id) SELECT 'role_assignment', id FROM role_assignment ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.note, '')
  FROM role_assignment t JOIN register_search_key k ON k.reg = 'role_assignment' AND k.id = t.id;
CREATE TRIGGER role_assignment_search_insert AFTER INSERT ON role_assignment BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('role_assignment', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'role_assignment' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER role_assignment_search_update AFTER UPDATE ON role_assignment BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'role_assignment' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'role_assignment' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'role_assignment' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER role_assignment_search_delete AFTER DELETE ON role_assignment BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'role_assignment' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'role_assignment' AND id = OLD.id;
END;

-- system
INSERT INTO register_search_key (reg, id) SELECT 'system', id FROM system ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.name, '') || ' ' || COALESCE(t.vendor, '') || ' ' || COALESCE(t.note, '')
  FROM system t JOIN register_search_key k ON k.reg = 'system' AND k.id = t.id;
CREATE TRIGGER system_search_insert AFTER INSERT ON system BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('system', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'system' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.vendor, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER system_search_update AFTER UPDATE ON system BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'system' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'system' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'system' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.vendor, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER system_search_delete AFTER DELETE ON system BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'system' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'system' AND id = OLD.id;
END;

-- asset
INSERT INTO register_search_key (reg, id) SELECT 'asset', id FROM asset ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.name, '') || ' ' || COALESCE(t.location, '') || ' ' || COALESCE(t.note, '')
  FROM asset t JOIN register_search_key k ON k.reg = 'asset' AND k.id = t.id;
CREATE TRIGGER asset_search_insert AFTER INSERT ON asset BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('asset', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'asset' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.location, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER asset_search_update AFTER UPDATE ON asset BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'asset' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'asset' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'asset' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.location, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER asset_search_delete AFTER DELETE ON asset BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'asset' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'asset' AND id = OLD.id;
END;

-- account
INSERT INTO register_search_key (reg, id) SELECT 'account', id FROM account ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.login, '')
  FROM account t JOIN register_search_key k ON k.reg = 'account' AND k.id = t.id;
CREATE TRIGGER account_search_insert AFTER INSERT ON account BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('account', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'account' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.login, ''));
END;
CREATE TRIGGER account_search_update AFTER UPDATE ON account BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'account' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'account' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'account' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.login, ''));
END;
CREATE TRIGGER account_search_delete AFTER DELETE ON account BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'account' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'account' AND id = OLD.id;
END;

-- network_connection
INSERT INTO register_search_key (reg, id) SELECT 'network_connection', id FROM network_connection ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.name, '') || ' ' || COALESCE(t.note, '')
  FROM network_connection t JOIN register_search_key k ON k.reg = 'network_connection' AND k.id = t.id;
CREATE TRIGGER network_connection_search_insert AFTER INSERT ON network_connection BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('network_connection', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'network_connection' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER network_connection_search_update AFTER UPDATE ON network_connection BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'network_connection' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'network_connection' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'network_connection' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER network_connection_search_delete AFTER DELETE ON network_connection BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'network_connection' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'network_connection' AND id = OLD.id;
END;

-- device
INSERT INTO register_search_key (reg, id) SELECT 'device', id FROM device ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.name, '') || ' ' || COALESCE(t.note, '')
  FROM device t JOIN register_search_key k ON k.reg = 'device' AND k.id = t.id;
CREATE TRIGGER device_search_insert AFTER INSERT ON device BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('device', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'device' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER device_search_update AFTER UPDATE ON device BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'device' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'device' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'device' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER device_search_delete AFTER DELETE ON device BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'device' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'device' AND id = OLD.id;
END;

-- managed_area
INSERT INTO register_search_key (reg, id) SELECT 'managed_area', id FROM managed_area ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.name, '') || ' ' || COALESCE(t.note, '')
  FROM managed_area t JOIN register_search_key k ON k.reg = 'managed_area' AND k.id = t.id;
CREATE TRIGGER managed_area_search_insert AFTER INSERT ON managed_area BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('managed_area', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'managed_area' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER managed_area_search_update AFTER UPDATE ON managed_area BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'managed_area' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'managed_area' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'managed_area' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER managed_area_search_delete AFTER DELETE ON managed_area BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'managed_area' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'managed_area' AND id = OLD.id;
END;

-- software
INSERT INTO register_search_key (reg, id) SELECT 'software', id FROM software ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.name, '') || ' ' || COALESCE(t.vendor, '') || ' ' || COALESCE(t.note, '')
  FROM software t JOIN register_search_key k ON k.reg = 'software' AND k.id = t.id;
CREATE TRIGGER software_search_insert AFTER INSERT ON software BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('software', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'software' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.vendor, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER software_search_update AFTER UPDATE ON software BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'software' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'software' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'software' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.vendor, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER software_search_delete AFTER DELETE ON software BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'software' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'software' AND id = OLD.id;
END;

-- contractor
INSERT INTO register_search_key (reg, id) SELECT 'contractor', id FROM contractor ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.name, '') || ' ' || COALESCE(t.corporate_number, '') || ' ' || COALESCE(t.note, '')
  FROM contractor t JOIN register_search_key k ON k.reg = 'contractor' AND k.id = t.id;
CREATE TRIGGER contractor_search_insert AFTER INSERT ON contractor BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('contractor', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'contractor' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.corporate_number, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER contractor_search_update AFTER UPDATE ON contractor BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'contractor' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'contractor' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'contractor' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.corporate_number, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER contractor_search_delete AFTER DELETE ON contractor BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'contractor' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'contractor' AND id = OLD.id;
END;

-- contract
INSERT INTO register_search_key (reg, id) SELECT 'contract', id FROM contract ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.title, '') || ' ' || COALESCE(t.note, '')
  FROM contract t JOIN register_search_key k ON k.reg = 'contract' AND k.id = t.id;
CREATE TRIGGER contract_search_insert AFTER INSERT ON contract BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('contract', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'contract' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.title, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER contract_search_update AFTER UPDATE ON contract BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'contract' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'contract' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'contract' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.title, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER contract_search_delete AFTER DELETE ON contract BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'contract' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'contract' AND id = OLD.id;
END;

-- cloud_service
INSERT INTO register_search_key (reg, id) SELECT 'cloud_service', id FROM cloud_service ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.name, '') || ' ' || COALESCE(t.provider, '') || ' ' || COALESCE(t.note, '')
  FROM cloud_service t JOIN register_search_key k ON k.reg = 'cloud_service' AND k.id = t.id;
CREATE TRIGGER cloud_service_search_insert AFTER INSERT ON cloud_service BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('cloud_service', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'cloud_service' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.provider, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER cloud_service_search_update AFTER UPDATE ON cloud_service BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'cloud_service' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'cloud_service' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'cloud_service' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.name, '') || ' ' || COALESCE(NEW.provider, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER cloud_service_search_delete AFTER DELETE ON cloud_service BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'cloud_service' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'cloud_service' AND id = OLD.id;
END;

-- training
INSERT INTO register_search_key (reg, id) SELECT 'training', id FROM training_course ORDER BY id;
INSERT INTO register_search (rowid, body)
  SELECT k.rowid, COALESCE(t.id, '') || ' ' || COALESCE(t.title, '') || ' ' || COALESCE(t.note, '')
  FROM training_course t JOIN register_search_key k ON k.reg = 'training' AND k.id = t.id;
CREATE TRIGGER training_course_search_insert AFTER INSERT ON training_course BEGIN
  INSERT INTO register_search_key (reg, id) VALUES ('training', NEW.id);
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'training' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.title, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER training_course_search_update AFTER UPDATE ON training_course BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'training' AND id = OLD.id);
  UPDATE register_search_key SET id = NEW.id WHERE reg = 'training' AND id = OLD.id;
  INSERT INTO register_search (rowid, body)
    VALUES ((SELECT rowid FROM register_search_key WHERE reg = 'training' AND id = NEW.id),
            COALESCE(NEW.id, '') || ' ' || COALESCE(NEW.title, '') || ' ' || COALESCE(NEW.note, ''));
END;
CREATE TRIGGER training_course_search_delete AFTER DELETE ON training_course BEGIN
  DELETE FROM register_search
    WHERE rowid = (SELECT rowid FROM register_search_key WHERE reg = 'training' AND id = OLD.id);
  DELETE FROM register_search_key WHERE reg = 'training' AND id = OLD.id;
END;

-- Indexes for the list filters of the web pages and the API: the columns a user's reach is
-- decided by (department, system, person) where the register schema has none yet.
CREATE INDEX network_connection_department ON network_connection(department_id);
CREATE INDEX network_connection_from_system ON network_connection(from_system_id);
CREATE INDEX managed_area_department ON managed_area(department_id);
CREATE INDEX contract_department ON contract(department_id);
CREATE INDEX contract_system ON contract(system_id);
CREATE INDEX cloud_service_department ON cloud_service(department_id);
CREATE INDEX cloud_service_system ON cloud_service(system_id);
CREATE INDEX cloud_service_manager ON cloud_service(manager_id);

-- Sorting and filtering the largest registers by name and by class without a full sort.
CREATE INDEX asset_name ON asset(name, id);
CREATE INDEX asset_confidentiality ON asset(confidentiality);
CREATE INDEX device_name ON device(name, id);
CREATE INDEX person_name ON person(name, id);
CREATE INDEX account_login ON account(login, id);
