import { describe, expect, it } from 'vitest';
import { defaultMetricFormat, formatMetric, formatSeconds } from '../../site/lib/format/number';

describe('metric formatting', () => {
  it('shows accuracies as percentages with two decimals', () => {
    expect(formatMetric('test_accuracy', 0.98912, 'en')).toBe('98.91%');
    expect(formatMetric('best_val_accuracy', 0.5, 'zh')).toBe('50.00%');
  });

  it('groups integers', () => {
    expect(formatMetric('total_params', 110474, 'en')).toBe('110,474');
    expect(formatMetric('train_images', 60000, 'zh')).toBe('60,000');
  });

  it('formats durations per language, with a space between every number and its unit in both', () => {
    expect(formatSeconds(192.4, 'en')).toBe('3 min 12 s');
    expect(formatSeconds(192.4, 'zh')).toBe('3 分 12 秒');
    expect(formatSeconds(42, 'en')).toBe('42 s');
    expect(formatSeconds(4.25, 'zh')).toBe('4.3 秒');
  });

  it('honours an explicit format', () => {
    expect(formatMetric('test_loss', 0.03456, 'en', 'fixed2')).toBe('0.03');
    expect(formatMetric('training_seconds', 192.4, 'en', 'int')).toBe('192');
    expect(formatMetric('test_accuracy', 0.9891, 'en', 'percent')).toBe('98.91%');
  });

  it('picks a default format from the name and value', () => {
    expect(defaultMetricFormat('train_accuracy', 0.9)).toBe('percent');
    expect(defaultMetricFormat('total_seconds', 12.5)).toBe('seconds');
    expect(defaultMetricFormat('images_per_second', 1234.5)).toBe('int');
    expect(defaultMetricFormat('test_loss', 0.0345)).toBe('decimal');
    expect(formatMetric('test_loss', 0.034567, 'en')).toBe('0.03457');
  });
});
