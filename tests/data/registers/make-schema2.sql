-- Adds what devices-fixture leaves out to a schema-2 register: the unit's
-- contact lines, one document record, one request batch with two items
-- and a handover event that points at the document.
UPDATE unit SET province = 'Hải Phòng', address = 'Số 1 đường Lê Lợi, thị trấn An Lão',
  phone = '02253123456', email = 'c2leloi@haiphong.edu.vn',
  org1 = 'Bộ Giáo dục và Đào tạo', org2 = 'Sở GD&ĐT Hải Phòng' WHERE id = 1;
INSERT INTO documents (id, path, kind, template_name, template_sha256, created)
  VALUES (1, '/home/vanthu/CertDesk/2026-03-02 Cap moi.docx', 'cap-moi', 'cap-moi.docx',
          'A3F1000000000000000000000000000000000000000000000000000000000001', '2026-03-02T09:15:00');
INSERT INTO request_batches (id, kind, date, doc_number, status, note, document_id, created)
  VALUES (1, 'cap-moi', '2026-03-02', '12/THCS-CDS', 'sent', 'Gửi Sở ngày 03/03', 1, '2026-03-02T09:10:00');
INSERT INTO batch_items (batch_id, staff_id, certificate_id, device_id, action, reason, position)
  VALUES (1, 2, 2, NULL, 'cap-moi', 'Cán bộ mới', 0), (1, 3, 3, 3, 'cap-moi', NULL, 1);
UPDATE handover_events SET document_id = 1 WHERE id = 6;
