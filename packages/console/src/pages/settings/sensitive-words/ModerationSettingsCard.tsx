import type { SensitiveMatch, SensitiveWordAction } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkSensitiveText,
  getModerationSettings,
  moderationSettingsKey,
  updateModerationSettings,
} from '../../../api/moderation';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { HighlightedText } from '../../../inbox/search/HighlightedText';

/** The default action for words without their own, and a box to try a sentence as the send check sees it. */
export function ModerationSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: moderationSettingsKey, queryFn: getModerationSettings });
  const [sample, setSample] = useState('');
  const [checked, setChecked] = useState<{ text: string; matches: SensitiveMatch[] } | null>(null);

  const save = useMutation({
    mutationFn: (defaultAction: SensitiveWordAction) => updateModerationSettings({ defaultAction }),
    onSuccess: (saved) => {
      queryClient.setQueryData(moderationSettingsKey, saved);
      message.success(t('sensitiveWords.settingsSaved'));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const check = useMutation({
    mutationFn: (text: string) => checkSensitiveText(text).then((result) => ({ text, matches: result.matches })),
    onSuccess: setChecked,
    onError: (error) => message.error(errorMessage(error)),
  });

  return (
    <Flex gap={16} wrap style={{ marginBottom: 16 }}>
      <Card size="small" title={t('sensitiveWords.defaultAction')} style={{ flex: '1 1 320px' }}>
        <Radio.Group
          value={settings.data?.defaultAction}
          disabled={settings.isPending || save.isPending}
          onChange={(event) => save.mutate(event.target.value as SensitiveWordAction)}
          aria-label={t('sensitiveWords.defaultAction')}
          data-testid="default-action"
        >
          <Space direction="vertical">
            <Radio value="warn">{t('sensitiveWords.defaultWarn')}</Radio>
            <Radio value="block">{t('sensitiveWords.defaultBlock')}</Radio>
          </Space>
        </Radio.Group>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('sensitiveWords.customerHint')}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('sensitiveWords.tryTitle')} style={{ flex: '1 1 320px' }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={sample}
            onChange={(event) => setSample(event.target.value)}
            onPressEnter={() => sample.trim() && check.mutate(sample)}
            placeholder={t('sensitiveWords.tryPlaceholder')}
            aria-label={t('sensitiveWords.tryTitle')}
          />
          <Button onClick={() => check.mutate(sample)} disabled={!sample.trim()} loading={check.isPending}>
            {t('sensitiveWords.tryButton')}
          </Button>
        </Space.Compact>
        {checked ? (
          <div style={{ marginTop: 8 }} data-testid="check-result">
            {checked.matches.length === 0 ? (
              <Typography.Text type="success">{t('sensitiveWords.tryClean')}</Typography.Text>
            ) : (
              <>
                <HighlightedText text={checked.text} ranges={checked.matches} />
                <div style={{ marginTop: 4 }}>
                  {checked.matches.map((match) => (
                    <Tag key={`${match.start}-${match.word}`} color={match.action === 'block' ? 'red' : 'orange'}>
                      {match.word} · {t(`sensitiveWords.actions.${match.action}`)}
                    </Tag>
                  ))}
                </div>
              </>
            )}
          </div>
        ) : null}
      </Card>
    </Flex>
  );
}
