import { Box, Flex, Typography } from '@strapi/design-system';

export interface BarSeries {
  label: string;
  color: string;
}

/**
 * A small grouped bar chart in plain SVG: one group per category, one bar per series.
 * Numbers are printed above the bars, so the picture reads without a legend lookup.
 */
export const BarChart = ({
  title,
  categories,
  series,
  values,
  height = 180,
}: {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** values[category][series] */
  values: number[][];
  height?: number;
}) => {
  const max = Math.max(1, ...values.flat());
  // Groups spread over at least 420 units, so a chart with few categories still fills its panel.
  const groupWidth = Math.max(44, series.length * 22 + 16, 400 / Math.max(1, categories.length));
  const width = categories.length * groupWidth + 20;
  const barsWidth = series.length * 22 - 4;
  const plot = height - 40;
  return (
    <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
      <Flex justifyContent="space-between" paddingBottom={2} wrap="wrap" gap={3}>
        <Typography variant="delta" tag="h3">
          {title}
        </Typography>
        <Flex gap={3}>
          {series.map((item) => (
            <Flex key={item.label} gap={1}>
              <svg width="10" height="10" aria-hidden>
                <rect width="10" height="10" rx="2" fill={item.color} />
              </svg>
              <Typography variant="pi">{item.label}</Typography>
            </Flex>
          ))}
        </Flex>
      </Flex>
      <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} style={{ maxHeight: height + 20 }}>
        <line x1={10} x2={width - 10} y1={plot + 14} y2={plot + 14} stroke="#dcdce4" />
        {categories.map((category, categoryIndex) => (
          <g key={category} transform={`translate(${10 + categoryIndex * groupWidth}, 0)`}>
            {series.map((item, seriesIndex) => {
              const value = values[categoryIndex]?.[seriesIndex] ?? 0;
              const barHeight = Math.round((value / max) * (plot - 10));
              const x = (groupWidth - barsWidth) / 2 + seriesIndex * 22;
              return (
                <g key={item.label}>
                  <rect x={x} y={plot + 14 - barHeight} width={18} height={barHeight} rx={2} fill={item.color} />
                  <text x={x + 9} y={plot + 10 - barHeight} textAnchor="middle" fontSize="10" fill="#4a4a6a">
                    {value}
                  </text>
                </g>
              );
            })}
            <text x={groupWidth / 2} y={height - 8} textAnchor="middle" fontSize="11" fill="#666687">
              {category}
            </text>
          </g>
        ))}
      </svg>
    </Box>
  );
};
