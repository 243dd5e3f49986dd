import { useState } from 'react';

import {
  IpcError,
  useDuplicateProfile,
  useExportProfile,
  useGetProfile,
  useImportProfile,
  useProfiles,
} from '../../api';
import type { Profile } from '../../bindings/Profile';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { PathField } from '../../components/PathField';
import { useI18n } from '../../i18n';
import type { CanvasState } from '../../lib/mappingCanvas';
import styles from './Mapping.module.css';
import type { Notice } from './MappingScreen';

/** Profiles are JSON documents. */
const PROFILE_FILES = [{ name: 'JSON', extensions: ['json'] }];

type Props = {
  current: CanvasState;
  onClose: () => void;
  onOpen: (profile: Profile) => void;
  onNotice: (notice: Notice) => void;
};

/** The saved profiles: open, duplicate, export one; import one from a file. */
export function ProfilesDialog({ onClose, onOpen, onNotice }: Props) {
  const { t } = useI18n();
  const words = t.mapping.profiles;
  const list = useProfiles();
  const get = useGetProfile();
  const duplicate = useDuplicateProfile();
  const exporter = useExportProfile();
  const importer = useImportProfile();
  const [exportPath, setExportPath] = useState('');
  const [importPath, setImportPath] = useState('');
  const failure = get.error ?? duplicate.error ?? exporter.error ?? importer.error;

  return (
    <Dialog
      title={words.list}
      onClose={onClose}
      wide
      testId="profiles-dialog"
      actions={<Button onClick={onClose}>{t.mapping.editor.close}</Button>}
    >
      {failure && (
        <p className={styles.error} role="alert" data-testid="profiles-error">
          {IpcError.from(failure).message}
        </p>
      )}
      {list.data?.profiles.length === 0 && <p className={styles.muted}>{words.none}</p>}
      <ul className={styles.profileList}>
        {list.data?.profiles.map((p) => (
          <li key={p.id} data-testid={`profile-${p.id}`}>
            <span>
              <strong>{p.name}</strong>{' '}
              <span className={styles.faint}>
                {t.mapping.target.entities[p.target]} ·{' '}
                {words.revision(p.revision, p.revisions.length)}
              </span>
            </span>
            <span className={styles.profileButtons}>
              <Button
                onClick={() => get.mutate({ id: p.id }, { onSuccess: (s) => onOpen(s.profile) })}
                testId={`profile-open-${p.id}`}
              >
                {words.open}
              </Button>
              <Button
                onClick={() =>
                  duplicate.mutate(
                    { id: p.id, name: words.copyName(p.name) },
                    { onSuccess: (s) => onNotice((w) => w.profiles.duplicated(s.name)) },
                  )
                }
                testId={`profile-duplicate-${p.id}`}
              >
                {words.duplicate}
              </Button>
              <Button
                disabled={exportPath.trim() === ''}
                onClick={() =>
                  exporter.mutate(
                    { id: p.id, path: exportPath.trim() },
                    { onSuccess: (r) => onNotice((w) => w.profiles.exported(r.path)) },
                  )
                }
                testId={`profile-export-${p.id}`}
              >
                {words.export}
              </Button>
            </span>
          </li>
        ))}
      </ul>
      <div className={styles.inline}>
        <label htmlFor="profile-export-path">{words.exportPath}</label>
        <PathField
          id="profile-export-path"
          kind="save"
          title={words.exportPath}
          filters={PROFILE_FILES}
          value={exportPath}
          onChange={setExportPath}
          testId="profile-export-path"
        />
      </div>
      <div className={styles.toolbar}>
        <div className={styles.inline}>
          <label htmlFor="profile-import-path">{words.importPath}</label>
          <PathField
            id="profile-import-path"
            kind="open"
            title={words.importPath}
            filters={PROFILE_FILES}
            value={importPath}
            onChange={setImportPath}
            testId="profile-import-path"
          />
        </div>
        <Button
          disabled={importPath.trim() === ''}
          onClick={() =>
            importer.mutate(
              { path: importPath.trim() },
              { onSuccess: (s) => onNotice((w) => w.profiles.imported(s.name, s.revision)) },
            )
          }
          testId="profile-import"
        >
          {words.import}
        </Button>
      </div>
    </Dialog>
  );
}
