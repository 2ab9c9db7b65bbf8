import {
  CloseOutlined,
  LoadingOutlined,
  PaperClipOutlined,
  SendOutlined,
  SmileOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { type AttachmentView, LIMITS, REALTIME_LIMITS } from '@kefu/shared';
import { Button, Flex, type GetRef, Input, Popover, Segmented, Tag, Tooltip, Typography, theme } from 'antd';
import { type ClipboardEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadAttachment } from '../api/attachments';
import { useErrorMessage } from '../api/useErrorMessage';
import { useRealtime } from '../realtime/RealtimeContext';
import { useComposerInsertions } from './composerInsert';
import { type QuickReplyInsertion, useQuickReplyPicker } from './QuickReplyPicker';

/** A small built-in set: enough for customer service, no picker library to load. */
export const EMOJIS = [
  '😀',
  '😊',
  '😂',
  '🙂',
  '😉',
  '😍',
  '🤔',
  '😅',
  '😭',
  '😮',
  '😴',
  '🙏',
  '👍',
  '👌',
  '👏',
  '💪',
  '🤝',
  '👋',
  '❤️',
  '🎉',
  '✅',
  '❌',
  '⭐',
  '🔥',
  '📦',
  '🚚',
  '💰',
  '🧾',
  '📞',
  '📧',
  '⏰',
  '🎁',
];

const MAX_ATTACHMENTS = 10;
const TYPING_IDLE_MS = 3000;
const TYPING_REFRESH_MS = 4000;

type Mode = 'reply' | 'note';
type TextAreaRef = GetRef<typeof Input.TextArea>;

interface Upload {
  key: string;
  name: string;
  progress: number;
  status: 'uploading' | 'done' | 'error';
  attachment?: AttachmentView;
  error?: string;
  abort?: () => void;
}

/** Unsent text per conversation, so switching between conversations keeps what the agent was writing. */
const drafts = new Map<string, string>();

/** Tells the customer the agent is typing: at once, refreshed while typing goes on, and "stopped" after a pause. */
function useTypingSignal(conversationId: string) {
  const realtime = useRealtime();
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stop = useCallback(() => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (lastSent.current > 0) realtime.sendTyping(conversationId, false);
    lastSent.current = 0;
  }, [realtime, conversationId]);

  const typed = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current > TYPING_REFRESH_MS) {
      realtime.sendTyping(conversationId, true);
      lastSent.current = now;
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stop, TYPING_IDLE_MS);
  }, [realtime, conversationId, stop]);

  useEffect(() => stop, [stop]);
  return { typed, stop };
}

export function Composer({ conversationId, onSent }: { conversationId: string; onSent?: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const realtime = useRealtime();
  const errorMessage = useErrorMessage();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const [mode, setMode] = useState<Mode>('reply');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const textArea = useRef<TextAreaRef>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const typing = useTypingSignal(conversationId);
  const note = mode === 'note';
  // Text other panels hand over (knowledge suggestions) goes after what the agent wrote, for editing.
  useComposerInsertions(conversationId, (snippet) =>
    setText((current) => (current.trim() ? `${current}\n${snippet}` : snippet)),
  );

  useEffect(() => {
    if (text) drafts.set(conversationId, text);
    else drafts.delete(conversationId);
  }, [conversationId, text]);

  // Abandoned uploads stop when the conversation closes.
  const uploadsRef = useRef(uploads);
  uploadsRef.current = uploads;
  useEffect(
    () => () => {
      for (const upload of uploadsRef.current) upload.abort?.();
    },
    [],
  );

  const uploading = uploads.some((upload) => upload.status === 'uploading');
  const ready = uploads.filter((upload) => upload.status === 'done' && upload.attachment);
  const canSend = !uploading && (text.trim().length > 0 || ready.length > 0);

  const send = () => {
    if (!canSend) return;
    realtime.sendMessage(conversationId, {
      content: text.trim(),
      private: note,
      attachments: ready.map((upload) => upload.attachment as AttachmentView),
    });
    typing.stop();
    setText('');
    setUploads([]);
    onSent?.();
  };

  const patchUpload = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));

  const addFiles = (files: File[]) => {
    const room = MAX_ATTACHMENTS - uploads.length;
    for (const file of files.slice(0, Math.max(0, room))) {
      const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      if (file.size > LIMITS.maxAttachmentBytes) {
        setUploads((list) => [
          ...list,
          {
            key,
            name: file.name,
            progress: 0,
            status: 'error',
            error: t('inbox.fileTooLarge', { mb: LIMITS.maxAttachmentBytes / 1024 / 1024 }),
          },
        ]);
        continue;
      }
      const handle = uploadAttachment(file, (progress) => patchUpload(key, { progress }));
      setUploads((list) => [...list, { key, name: file.name, progress: 0, status: 'uploading', abort: handle.abort }]);
      handle.promise.then(
        (attachment) => patchUpload(key, { status: 'done', progress: 100, attachment, abort: undefined }),
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          patchUpload(key, { status: 'error', error: errorMessage(error), abort: undefined });
        },
      );
    }
  };

  const removeUpload = (key: string) => {
    setUploads((list) => {
      list.find((upload) => upload.key === key)?.abort?.();
      return list.filter((upload) => upload.key !== key);
    });
  };

  // Quick replies (`/`): the reply's text replaces what was typed, its picture joins the attachments.
  const textAreaElement = useCallback(() => textArea.current?.resizableTextArea?.textArea ?? null, []);
  const quickReplies = useQuickReplyPicker({
    conversationId,
    text,
    textArea: textAreaElement,
    onInsert: ({ text: next, caret, picture }: QuickReplyInsertion) => {
      setText(next);
      if (picture) {
        const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
        setUploads((list) => [...list, { key, name: picture.name, progress: 0, status: 'uploading' }]);
        picture.upload.then(
          (attachment) => patchUpload(key, { status: 'done', progress: 100, attachment }),
          (error: unknown) => patchUpload(key, { status: 'error', error: errorMessage(error) }),
        );
      }
      requestAnimationFrame(() => {
        textAreaElement()?.focus();
        textAreaElement()?.setSelectionRange(caret, caret);
      });
    },
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (quickReplies.onKeyDown(event)) return;
    // Enter sends, Shift+Enter is a new line; Enter that confirms an IME composition (拼音) does neither.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    send();
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files];
    if (files.length === 0) return;
    event.preventDefault();
    addFiles(files);
  };

  // Pictures dropped anywhere on the composer are uploaded. Native listeners: the drop zone is a plain container.
  const zone = useRef<HTMLDivElement>(null);
  const addFilesRef = useRef(addFiles);
  addFilesRef.current = addFiles;
  useEffect(() => {
    const element = zone.current;
    if (!element) return;
    const over = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      setDragging(true);
    };
    const leave = () => setDragging(false);
    const drop = (event: DragEvent) => {
      setDragging(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      addFilesRef.current(files);
    };
    element.addEventListener('dragover', over);
    element.addEventListener('dragleave', leave);
    element.addEventListener('drop', drop);
    return () => {
      element.removeEventListener('dragover', over);
      element.removeEventListener('dragleave', leave);
      element.removeEventListener('drop', drop);
    };
  }, []);

  const insertEmoji = (emoji: string) => {
    const element = textArea.current?.resizableTextArea?.textArea;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + emoji + text.slice(end);
    setText(next);
    setEmojiOpen(false);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  return (
    <div
      ref={zone}
      style={{
        borderTop: `1px solid ${token.colorSplit}`,
        padding: '8px 12px 12px',
        background: note ? token.colorWarningBg : token.colorBgContainer,
        outline: dragging ? `2px dashed ${token.colorPrimary}` : undefined,
        outlineOffset: -4,
      }}
      data-testid="composer"
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 6 }}>
        <Segmented<Mode>
          size="small"
          value={mode}
          onChange={(value) => {
            if (value === 'note') typing.stop();
            setMode(value);
          }}
          options={[
            { value: 'reply', label: t('inbox.replyMode') },
            { value: 'note', label: t('inbox.noteMode') },
          ]}
          data-testid="composer-mode"
        />
        {note ? (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('inbox.noteHint')}
          </Typography.Text>
        ) : null}
      </Flex>
      {uploads.length > 0 ? (
        <Flex wrap gap={6} style={{ marginBottom: 6 }} data-testid="uploads">
          {uploads.map((upload) => (
            <Tag
              key={upload.key}
              closable
              closeIcon={<CloseOutlined aria-label={t('common.delete')} />}
              onClose={(event) => {
                event.preventDefault();
                removeUpload(upload.key);
              }}
              color={upload.status === 'error' ? 'error' : upload.status === 'done' ? 'success' : 'processing'}
              icon={
                upload.status === 'uploading' ? (
                  <LoadingOutlined />
                ) : upload.status === 'error' ? (
                  <WarningOutlined />
                ) : (
                  <PaperClipOutlined />
                )
              }
            >
              <Tooltip title={upload.error}>
                <span>
                  {upload.name}
                  {upload.status === 'uploading' ? ` ${upload.progress}%` : ''}
                  {upload.status === 'error' ? ` — ${t('inbox.uploadFailed')}` : ''}
                </span>
              </Tooltip>
            </Tag>
          ))}
        </Flex>
      ) : null}
      {quickReplies.picker}
      <Input.TextArea
        ref={textArea}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (!note && event.target.value.trim()) typing.typed();
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={typing.stop}
        placeholder={note ? t('inbox.notePlaceholder') : t('inbox.replyPlaceholder')}
        aria-label={note ? t('inbox.noteMode') : t('inbox.replyMode')}
        autoSize={{ minRows: 2, maxRows: 8 }}
        maxLength={REALTIME_LIMITS.maxMessageChars}
        variant="borderless"
        style={{ paddingInline: 0, background: 'transparent' }}
        data-testid="composer-input"
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 6 }}>
        <Flex gap={4}>
          <Popover
            open={emojiOpen}
            onOpenChange={setEmojiOpen}
            trigger="click"
            placement="topLeft"
            content={
              <div
                role="listbox"
                aria-label={t('inbox.emoji')}
                style={{ display: 'grid', gridTemplateColumns: 'repeat(8, 32px)', gap: 2 }}
              >
                {EMOJIS.map((emoji) => (
                  <Button key={emoji} type="text" size="small" role="option" onClick={() => insertEmoji(emoji)}>
                    {emoji}
                  </Button>
                ))}
              </div>
            }
          >
            <Button type="text" icon={<SmileOutlined />} aria-label={t('inbox.emoji')} />
          </Popover>
          <Button
            type="text"
            icon={<PaperClipOutlined />}
            aria-label={t('inbox.attach')}
            onClick={() => fileInput.current?.click()}
            disabled={uploads.length >= MAX_ATTACHMENTS}
          />
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            onChange={(event) => {
              addFiles([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
        </Flex>
        <Flex gap={8} align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('inbox.sendHint')}
          </Typography.Text>
          <Button
            color={note ? 'orange' : 'primary'}
            variant="solid"
            icon={<SendOutlined />}
            onClick={send}
            disabled={!canSend}
            data-testid="send"
          >
            {note ? t('inbox.addNote') : t('inbox.send')}
          </Button>
        </Flex>
      </Flex>
    </div>
  );
}
