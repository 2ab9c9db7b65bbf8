import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

/** A date and minute from today on: promised reply times, task due times, snoozes. */
export function FutureDateTimePicker(
  props: Omit<DatePickerProps<Dayjs, false>, 'showTime' | 'format' | 'disabledDate'>,
) {
  return (
    <DatePicker
      {...props}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      disabledDate={(date) => date.isBefore(dayjs(), 'day')}
    />
  );
}
