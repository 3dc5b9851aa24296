<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccuracyChart</name>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>train (running)</source>
        <translation>训练（滑动）</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
</context>
<context>
    <name>BackgroundTasks</name>
    <message>
        <source>unexpected {reason}</source>
        <translation>意外错误：{reason}</translation>
    </message>
</context>
<context>
    <name>CompareTable</name>
    <message>
        <source>Compare models</source>
        <translation>比较模型</translation>
    </message>
    <message>
        <source>Show every model&apos;s answer side by side</source>
        <translation>并排显示每个模型的回答</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>My handwriting</source>
        <translation>我的手写</translation>
    </message>
    <message>
        <source>Accuracy on the held-back part of My handwriting (the samples no fine-tune trains on)</source>
        <translation>在“我的手写”留出部分上的准确率（微调从不使用这些样本训练）</translation>
    </message>
    <message>
        <source>not a digit ({digit}?)</source>
        <translation>不是数字（{digit}？）</translation>
    </message>
    <message>
        <source>{accuracy} of {count}</source>
        <translation>{count} 个中 {accuracy}</translation>
    </message>
</context>
<context>
    <name>ConfigForm</name>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA（NVIDIA GPU）</translation>
    </message>
    <message>
        <source>MPS (Apple GPU)</source>
        <translation>MPS（Apple GPU）</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>step</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>one-cycle</source>
        <translation>单周期</translation>
    </message>
    <message>
        <source>affine</source>
        <translation>仿射变换</translation>
    </message>
    <message>
        <source>handwriting</source>
        <translation>手写增强</translation>
    </message>
    <message>
        <source>learned</source>
        <translation>学习得到</translation>
    </message>
    <message>
        <source>fixed edge filters</source>
        <translation>固定边缘滤波器</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrix</name>
    <message>
        <source>acc.</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Rows: the true digit. Columns: what the model answered. Last column: per-class accuracy.</source>
        <translation>行：真实数字。列：模型的回答。最后一列：各类别的准确率。</translation>
    </message>
    <message>
        <source>Click a cell to see those images (e.g. the 4s read as 9).</source>
        <translation>点击单元格可查看对应的图像（例如被认成 9 的 4）。</translation>
    </message>
</context>
<context>
    <name>DatasetBrowser</name>
    <message>
        <source>All labels</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Only {digit}s</source>
        <translation>只看 {digit}</translation>
    </message>
    <message>
        <source>Show the model&apos;s answers</source>
        <translation>显示模型的回答</translation>
    </message>
    <message>
        <source>Misclassified only</source>
        <translation>只看分类错误的</translation>
    </message>
    <message>
        <source>Click a sample to send it to the Draw view.</source>
        <translation>点击样本可将其送到“绘制”视图。</translation>
    </message>
    <message>
        <source>all samples</source>
        <translation>全部样本</translation>
    </message>
    <message>
        <source>learned from</source>
        <translation>用于学习的部分</translation>
    </message>
    <message>
        <source>held back</source>
        <translation>留出的部分</translation>
    </message>
    <message>
        <source>train split</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>test split</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>deleted a {digit} from My handwriting</source>
        <translation>已从“我的手写”中删除一个 {digit}</translation>
    </message>
    <message>
        <source>relabelled a {digit} of My handwriting as {label}</source>
        <translation>已将“我的手写”中的一个 {digit} 改标为 {label}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>loading {dataset} ({split})…</source>
        <translation>正在加载 {dataset}（{split}）…</translation>
    </message>
    <message numerus="yes">
        <source>{dataset} {split}: %n image(s)</source>
        <translation>
            <numerusform>{dataset} {split}：%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load</source>
        <translation>无法加载</translation>
    </message>
    <message numerus="yes">
        <source>predicting %n image(s) with {name}…</source>
        <translation>
            <numerusform>正在用 {name} 预测 %n 张图像…</numerusform>
        </translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>{name}: {wrong} wrong</source>
        <translation>{name}：错了 {wrong} 个</translation>
    </message>
    <message>
        <source>Measuring {name} on every image of the split…</source>
        <translation>正在用 {name} 评估该数据划分中的每张图像…</translation>
    </message>
    <message>
        <source>Tick “Show the model&apos;s answers” to measure the selected model here.</source>
        <translation>勾选“显示模型的回答”即可在此评估所选模型。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; on {split}: &lt;b&gt;{accuracy}&lt;/b&gt; ({wrong} wrong of {total}). Click a cell to browse those images.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; 在{split}上：&lt;b&gt;{accuracy}&lt;/b&gt;（{total} 个中错了 {wrong} 个）。点击单元格可浏览对应的图像。</translation>
    </message>
</context>
<context>
    <name>DrawCanvas</name>
    <message>
        <source>Draw a digit or a number here</source>
        <translation>在这里写一个数字或一串数字</translation>
    </message>
</context>
<context>
    <name>DrawView</name>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Erase the drawing (Ctrl+N)</source>
        <translation>擦除画布（Ctrl+N）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>撤销上一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>笔刷</translation>
    </message>
    <message>
        <source>Brush size</source>
        <translation>笔刷粗细</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The model that reads your drawing; test accuracy on MNIST in brackets</source>
        <translation>识别你所写数字的模型；括号中为其在 MNIST 测试集上的准确率</translation>
    </message>
</context>
<context>
    <name>EpochReplay</name>
    <message>
        <source>Move through the run&apos;s epochs: the model before training, then after each epoch</source>
        <translation>在训练的各轮之间移动：先是训练前的模型，然后是每一轮之后的模型</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>训练轮</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>before training</source>
        <translation>训练前</translation>
    </message>
    <message>
        <source>after epoch {epoch}</source>
        <translation>第 {epoch} 轮之后</translation>
    </message>
    <message>
        <source>{when}: test accuracy {accuracy}</source>
        <translation>{when}：测试准确率 {accuracy}</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Open an image of a digit</source>
        <translation>打开一张数字图像</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>图像（{patterns}）</translation>
    </message>
    <message>
        <source>{file}: could not be opened ({reason})</source>
        <translation>{file}：无法打开（{reason}）</translation>
    </message>
    <message>
        <source>opened {file}</source>
        <translation>已打开 {file}</translation>
    </message>
    <message>
        <source>Load a model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <source>loaded {file} ({arch})</source>
        <translation>已加载 {file}（{arch}）</translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <source>saved {name} to {file}</source>
        <translation>已将 {name} 保存到 {file}</translation>
    </message>
    <message>
        <source>Export model to ONNX</source>
        <translation>导出模型为 ONNX</translation>
    </message>
    <message>
        <source>exporting {name} to {file}…</source>
        <translation>正在将 {name} 导出到 {file}…</translation>
    </message>
    <message>
        <source>exported {name} to {file}</source>
        <translation>已将 {name} 导出到 {file}</translation>
    </message>
    <message>
        <source>no model is selected</source>
        <translation>没有选中任何模型</translation>
    </message>
    <message>
        <source>Export my handwriting</source>
        <translation>导出我的手写</translation>
    </message>
    <message>
        <source>could not export My handwriting: {reason}</source>
        <translation>无法导出“我的手写”：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>exported %n sample(s) of My handwriting to {file}</source>
        <translation>
            <numerusform>已将“我的手写”中的 %n 个样本导出到 {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>Import my handwriting</source>
        <translation>导入我的手写</translation>
    </message>
    <message numerus="yes">
        <source>%n of the zip&apos;s samples are already in My handwriting with another label. Give them the zip&apos;s labels?</source>
        <translation>
            <numerusform>压缩包中有 %n 个样本已在“我的手写”中，但标签不同。要改用压缩包中的标签吗？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>imported %n sample(s) ({same} already here)</source>
        <translation>
            <numerusform>已导入 %n 个样本（{same} 个原本就有）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable file(s) skipped</source>
        <translation>
            <numerusform>跳过了 %n 个无法读取的文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Models ({patterns})</source>
        <translation>模型（{patterns}）</translation>
    </message>
    <message>
        <source>Zip files ({patterns})</source>
        <translation>压缩包（{patterns}）</translation>
    </message>
</context>
<context>
    <name>InsideView</name>
    <message numerus="yes">
        <source>{name} ({kind}): %n feature map(s), {height}x{width}</source>
        <translation>
            <numerusform>{name}（{kind}）：%n 个特征图，{height}x{width}</numerusform>
        </translation>
    </message>
    <message>
        <source>negative</source>
        <translation>负</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正</translation>
    </message>
    <message>
        <source>The 28x28 image the network reads; a clicked output&apos;s receptive field is outlined</source>
        <translation>网络读取的 28x28 图像；点击某个输出后，会框出它的感受野</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Multiply-adds</source>
        <translation>乘加运算数</translation>
    </message>
    <message>
        <source>&lt;p&gt;Click a pixel of a convolution&apos;s feature map to see how it was computed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;点击卷积层特征图上的一个像素，即可查看它是如何计算出来的。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Draw here</source>
        <translation>在这里写</translation>
    </message>
    <message>
        <source>What the network reads (28x28)</source>
        <translation>网络读取的图像（28x28）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{layer}&lt;/b&gt; · colour scale ±{scale}</source>
        <translation>&lt;b&gt;{layer}&lt;/b&gt; · 色标 ±{scale}</translation>
    </message>
    <message>
        <source>RBF output: F6&apos;s squared distance to each digit&apos;s code (the smallest, &lt;b&gt;{closest}&lt;/b&gt;, wins): {listed}</source>
        <translation>RBF 输出：F6 到每个数字编码的平方距离（最小者 &lt;b&gt;{closest}&lt;/b&gt; 胜出）：{listed}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{arch}&lt;/b&gt;: draw a digit here or in the Draw view; until then the maps show what blank paper makes of each layer</source>
        <translation>&lt;b&gt;{arch}&lt;/b&gt;：在这里或“绘制”视图中写一个数字；在此之前，特征图显示的是空白纸张在每一层得到的结果</translation>
    </message>
    <message>
        <source>&lt;b&gt;{arch}&lt;/b&gt; ({name}) reads digit {place} of the {count} in the drawing as &lt;b&gt;{answer}&lt;/b&gt;: every layer, in the order it computes</source>
        <translation>&lt;b&gt;{arch}&lt;/b&gt;（{name}）把图中 {count} 位数字的第 {place} 位识别为 &lt;b&gt;{answer}&lt;/b&gt;：按计算顺序列出每一层</translation>
    </message>
    <message>
        <source>&lt;b&gt;{arch}&lt;/b&gt; ({name}) reads the drawing as &lt;b&gt;{answer}&lt;/b&gt;: every layer, in the order it computes</source>
        <translation>&lt;b&gt;{arch}&lt;/b&gt;（{name}）把这幅图识别为 &lt;b&gt;{answer}&lt;/b&gt;：按计算顺序列出每一层</translation>
    </message>
    <message>
        <source>&lt;b&gt;Output&lt;/b&gt;: the probability of each digit</source>
        <translation>&lt;b&gt;输出&lt;/b&gt;：每个数字的概率</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>one row per output map, one column per input map ({inputs})</source>
        <translation>每行对应一个输出特征图，每列对应一个输入特征图（共 {inputs} 个）</translation>
    </message>
    <message>
        <source>one per output map</source>
        <translation>每个输出特征图一个</translation>
    </message>
    <message numerus="yes">
        <source>{name}: its %n learned {size}x{size} kernel(s), {per}; scale ±{scale}</source>
        <translation>
            <numerusform>{name}：学到的 %n 个 {size}x{size} 卷积核，{per}；色标 ±{scale}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name}: its %n fixed {size}x{size} edge filter(s), never trained, {per}; scale ±{scale}</source>
        <translation>
            <numerusform>{name}：%n 个固定的 {size}x{size} 边缘滤波器，从未训练，{per}；色标 ±{scale}</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}&apos;s connection table (rows: the 6 input maps, columns: the 16 output maps; X: connected), as in the paper&apos;s Table I</source>
        <translation>{name} 的连接表（行：6 个输入特征图，列：16 个输出特征图；X：有连接），即论文中的表 I</translation>
    </message>
    <message>
        <source>{name}&apos;s trainable coefficient/bias per map: {pairs}</source>
        <translation>{name} 每个特征图的可训练系数/偏置：{pairs}</translation>
    </message>
    <message numerus="yes">
        <source>{name} ({kind}): %n value(s)</source>
        <translation>
            <numerusform>{name}（{kind}）：%n 个值</numerusform>
        </translation>
    </message>
    <message>
        <source>map {channel}, row {y}, column {x}</source>
        <translation>特征图 {channel}，第 {y} 行，第 {x} 列</translation>
    </message>
    <message>
        <source>value {index}</source>
        <translation>第 {index} 个值</translation>
    </message>
    <message>
        <source>&lt;p&gt;A convolution&apos;s map shows the multiply-adds behind a value.&lt;/p&gt;</source>
        <translation>&lt;p&gt;卷积层的特征图可以展示一个值背后的乘加运算。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{name}, map {channel}, row {y}, column {x}&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;{name}，特征图 {channel}，第 {y} 行，第 {x} 列&lt;/h3&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;It reads %n input map(s) through a {size}x{size} window (outlined on the input and on the layer before): {macs} multiply-adds.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;它通过一个 {size}x{size} 的窗口读取 %n 个输入特征图（已在输入和上一层上框出）：共 {macs} 次乘加运算。&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;patch&lt;/td&gt;&lt;td&gt;kernel&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;图像块&lt;/td&gt;&lt;td&gt;卷积核&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;input map {channel}: patch × kernel, summed = &lt;b&gt;{sum}&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;输入特征图 {channel}：图像块 × 卷积核，求和 = &lt;b&gt;{sum}&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;… and %n more input map(s).&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;……以及另外 %n 个输入特征图。&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;Σ of all products {products} + bias {bias} = &lt;b&gt;{total}&lt;/b&gt; (the model computed {output})&lt;/p&gt;</source>
        <translation>&lt;p&gt;所有乘积之和 Σ {products} + 偏置 {bias} = &lt;b&gt;{total}&lt;/b&gt;（模型算得 {output}）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;then {what}: &lt;b&gt;{value}&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;然后 {what}：&lt;b&gt;{value}&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>LiveChart</name>
    <message>
        <source>epoch</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>{series}: {value} (epoch {epoch})</source>
        <translation>{series}：{value}（第 {epoch} 轮）</translation>
    </message>
</context>
<context>
    <name>LoadingView</name>
    <message>
        <source>Loading the models… draw already: the answer comes as soon as they are here.</source>
        <translation>正在加载模型……现在就可以开始写：模型一到就会给出答案。</translation>
    </message>
    <message>
        <source>Loading the other models… meanwhile {model}, the default model, reads your drawing.</source>
        <translation>正在加载其他模型……在此期间由默认模型 {model} 识别你写的数字。</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑后</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>dataset: {title}</source>
        <translation>数据集：{title}</translation>
    </message>
    <message>
        <source>device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>内部</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>为什么</translation>
    </message>
    <message numerus="yes">
        <source>CPU (%n core(s))</source>
        <translation>
            <numerusform>CPU（%n 核）</numerusform>
        </translation>
    </message>
    <message>
        <source>model: loading…</source>
        <translation>模型：正在加载…</translation>
    </message>
    <message>
        <source>model: {name}</source>
        <translation>模型：{name}</translation>
    </message>
    <message>
        <source>model: none</source>
        <translation>模型：无</translation>
    </message>
    <message>
        <source>dataset sample labelled {digit} sent to the canvas</source>
        <translation>已将标签为 {digit} 的数据集样本送到画布</translation>
    </message>
    <message>
        <source>stopping training and keeping the best model…</source>
        <translation>正在停止训练并保留最佳模型…</translation>
    </message>
    <message>
        <source>Training has not stopped yet, so the window stays open: close it again in a moment (the best model so far is saved).</source>
        <translation>训练尚未停止，窗口暂不关闭：请稍后再关一次（目前最好的模型已保存）。</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open image…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Load model…</source>
        <translation>加载模型(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Save model as…</source>
        <translation>模型另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export model to ONNX…</source>
        <translation>导出模型为 ONNX(&amp;E)…</translation>
    </message>
    <message>
        <source>Export my &amp;handwriting…</source>
        <translation>导出我的手写(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Import my handwriting…</source>
        <translation>导入我的手写(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo stroke</source>
        <translation>撤销笔画(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo stroke</source>
        <translation>重做笔画(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Clear drawing</source>
        <translation>清空画布(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top training</source>
        <translation>停止训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About digitpad</source>
        <translation>关于 digitpad(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Handwritten-digit recognition with LeNet-family convolutional networks: draw, browse MNIST, train and compare.</source>
        <translation>用 LeNet 系列卷积神经网络识别手写数字：书写、浏览 MNIST、训练与比较。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;A short history&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;1989&lt;/b&gt;: LeCun et al. apply backpropagation to handwritten zip code recognition (Neural Computation 1(4)).&lt;/li&gt;&lt;li&gt;&lt;b&gt;1990&lt;/b&gt;: handwritten digit recognition with a back-propagation network (NIPS 2): 1% error, about 9% rejection on US Postal Service zip-code digits.&lt;/li&gt;&lt;li&gt;&lt;b&gt;1998&lt;/b&gt;: LeCun, Bottou, Bengio and Haffner, “Gradient-based learning applied to document recognition” (Proc. IEEE 86(11)): LeNet-5, 0.95% test error on MNIST; such networks read millions of bank checks a day.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;简史&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;1989 年&lt;/b&gt;：LeCun 等人将反向传播用于手写邮政编码识别（Neural Computation 1(4)）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;1990 年&lt;/b&gt;：用反向传播网络识别手写数字（NIPS 2）：在美国邮政的邮编数字上错误率 1%，拒识率约 9%。&lt;/li&gt;&lt;li&gt;&lt;b&gt;1998 年&lt;/b&gt;：LeCun、Bottou、Bengio 与 Haffner 发表《Gradient-based learning applied to document recognition》（Proc. IEEE 86(11)）：LeNet-5 在 MNIST 上的测试错误率为 0.95%；这类网络每天识别数以百万计的银行支票。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Licences&lt;/h3&gt;&lt;p&gt;digitpad: MIT. MNIST (Y. LeCun, C. Cortes, C. J. C. Burges): CC BY-SA 3.0. Qt for Python (PySide6): LGPLv3. PyTorch: BSD-3-Clause. pyqtgraph: MIT.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;许可证&lt;/h3&gt;&lt;p&gt;digitpad：MIT。MNIST（Y. LeCun、C. Cortes、C. J. C. Burges）：CC BY-SA 3.0。Qt for Python（PySide6）：LGPLv3。PyTorch：BSD-3-Clause。pyqtgraph：MIT。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About digitpad</source>
        <translation>关于 digitpad</translation>
    </message>
</context>
<context>
    <name>ModelView</name>
    <message>
        <source>Draw here: the same drawing as the Draw view&apos;s</source>
        <translation>在这里写：与“绘制”视图中的是同一幅图</translation>
    </message>
</context>
<context>
    <name>NumberPanel</name>
    <message>
        <source>Digit {position}: look at it below, in Inside and in Why</source>
        <translation>第 {position} 位数字：在下方、“内部”和“为什么”中查看它</translation>
    </message>
    <message>
        <source>Not a number: some of it is not a digit (part {parts} of {count})</source>
        <translation>不是一个数：其中有的部分不是数字（共 {count} 部分中的第 {parts} 部分）</translation>
    </message>
    <message>
        <source>Unsure where one digit ends and the next begins: {count} digits, {confidence}</source>
        <translation>不确定数字之间在哪里分开：{count} 位数字，{confidence}</translation>
    </message>
    <message>
        <source>Unsure of a digit: {count} digits, {confidence}</source>
        <translation>有一位数字不确定：{count} 位数字，{confidence}</translation>
    </message>
    <message>
        <source>{count} digits, {confidence} confident</source>
        <translation>{count} 位数字，置信度 {confidence}</translation>
    </message>
    <message>
        <source>not a digit</source>
        <translation>不是数字</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <source>The 28x28 image the network actually sees</source>
        <translation>网络实际看到的 28x28 图像</translation>
    </message>
    <message>
        <source>What the network
sees (28x28)</source>
        <translation>网络看到的
图像（28x28）</translation>
    </message>
    <message>
        <source>No digit yet: draw one, open an image, or pick a dataset sample.</source>
        <translation>还没有数字：写一个、打开一张图像，或选一个数据集样本。</translation>
    </message>
    <message>
        <source>Draw a digit to see what the model thinks.</source>
        <translation>写一个数字，看看模型怎么想。</translation>
    </message>
    <message>
        <source>Not a digit</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>This looks like none of 0-9. The model alone would have said {digit} ({confidence}): see Why.</source>
        <translation>这看起来不像 0-9 中的任何一个。只靠模型本身会说是 {digit}（{confidence}）：请看“为什么”。</translation>
    </message>
    <message>
        <source>Unsure: {confidence} a {digit}, maybe a {runner_up}</source>
        <translation>不确定：{confidence} 是 {digit}，也可能是 {runner_up}</translation>
    </message>
    <message>
        <source>{confidence} confident</source>
        <translation>置信度 {confidence}</translation>
    </message>
</context>
<context>
    <name>ProbabilityChart</name>
    <message>
        <source>Probability of each digit</source>
        <translation>每个数字的概率</translation>
    </message>
    <message>
        <source>no digit</source>
        <translation>没有数字</translation>
    </message>
    <message>
        <source>Not meaningful, the drawing is not a digit: {scores}</source>
        <translation>没有意义，这幅图不是数字：{scores}</translation>
    </message>
    <message>
        <source>The model shares 100% among ten digits whatever it is shown: here they mean nothing.</source>
        <translation>无论给它看什么，模型都会把 100% 分给十个数字：在这里这些数值没有意义。</translation>
    </message>
</context>
<context>
    <name>ResumeBar</name>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Training {arch} stopped unexpectedly after epoch {done} of {epochs}. Its best model so far is saved as {name}. Resume it?</source>
        <translation>{arch} 的训练在第 {done} / {epochs} 轮之后意外中断。目前最好的模型已保存为 {name}。要继续训练吗？</translation>
    </message>
</context>
<context>
    <name>RunMonitor</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Stopping: evaluating and saving the best model…</source>
        <translation>正在停止：评估并保存最佳模型…</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Confusion matrix (last epoch)</source>
        <translation>混淆矩阵（最近一轮）</translation>
    </message>
    <message numerus="yes">
        <source>training {arch} on {dataset}: {optimizer} lr {lr}, batch {batch}, %n epoch(s), device {device} -&gt; {file}</source>
        <translation>
            <numerusform>在 {dataset} 上训练 {arch}：{optimizer}，学习率 {lr}，批大小 {batch}，%n 轮，设备 {device} -&gt; {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the dataset…</source>
        <translation>正在加载数据集…</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs} · step {step}/{steps} · {speed} img/s · ETA {eta}</source>
        <translation>第 {epoch}/{epochs} 轮 · 第 {step}/{steps} 步 · {speed} 张/秒 · 预计剩余 {eta}</translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation>（已暂停）</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs}: train loss {loss}, train acc {train}, test acc {test}, {speed} img/s, {seconds} s</source>
        <translation>第 {epoch}/{epochs} 轮：训练损失 {loss}，训练准确率 {train}，测试准确率 {test}，{speed} 张/秒，{seconds} 秒</translation>
    </message>
    <message>
        <source> (best so far, saved)</source>
        <translation>（目前最佳，已保存）</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>已继续</translation>
    </message>
    <message>
        <source>model saved to {file}</source>
        <translation>模型已保存到 {file}</translation>
    </message>
    <message>
        <source>error: {reason}</source>
        <translation>错误：{reason}</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message>
        <source>nothing trained</source>
        <translation>没有训练任何内容</translation>
    </message>
    <message>
        <source>best test accuracy {accuracy}</source>
        <translation>最佳测试准确率 {accuracy}</translation>
    </message>
    <message numerus="yes">
        <source>finished %n epoch(s): {kept}</source>
        <translation>
            <numerusform>已完成 %n 轮：{kept}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stopped after %n step(s): kept the {kept}</source>
        <translation>
            <numerusform>在 %n 步后停止：保留了{kept}的模型</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stopped at the step limit (%n step(s)): {kept}</source>
        <translation>
            <numerusform>达到步数上限（%n 步）后停止：{kept}</numerusform>
        </translation>
    </message>
    <message>
        <source>stopped: the loss became NaN or infinite at step {step} (the learning rate is probably too high); kept the {kept}</source>
        <translation>已停止：损失在第 {step} 步变成了 NaN 或无穷大（学习率可能太高）；保留了{kept}的模型</translation>
    </message>
    <message>
        <source>your held-back digits</source>
        <translation>你留出的数字</translation>
    </message>
    <message>
        <source>{dataset} test</source>
        <translation>{dataset} 测试集</translation>
    </message>
    <message>
        <source>{parent} -&gt; new model: {title} ({images}) {before} -&gt; {after}</source>
        <translation>{parent} -&gt; 新模型：{title}（{images} 个）{before} -&gt; {after}</translation>
    </message>
    <message>
        <source>; MNIST test {before} -&gt; {after}</source>
        <translation>；MNIST 测试集 {before} -&gt; {after}</translation>
    </message>
</context>
<context>
    <name>SampleCell</name>
    <message>
        <source>Click to send this sample to the Draw view</source>
        <translation>点击将此样本送到“绘制”视图</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>{title} · model: {answer} ({verdict})</source>
        <translation>{title} · 模型：{answer}（{verdict}）</translation>
    </message>
    <message>
        <source>Delete this sample</source>
        <translation>删除此样本</translation>
    </message>
    <message>
        <source>Relabel as</source>
        <translation>改标为</translation>
    </message>
</context>
<context>
    <name>SampleGrid</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>Random page</source>
        <translation>随机一页</translation>
    </message>
    <message>
        <source>label: {label}</source>
        <translation>标签：{label}</translation>
    </message>
    <message>
        <source>Computing the model&apos;s answers…</source>
        <translation>正在计算模型的回答…</translation>
    </message>
    <message>
        <source>No samples match these filters</source>
        <translation>没有符合筛选条件的样本</translation>
    </message>
    <message>
        <source>Page {page} of {pages} · images {first}-{last} of {count}</source>
        <translation>第 {page} / {pages} 页 · 第 {first}-{last} 张，共 {count} 张</translation>
    </message>
</context>
<context>
    <name>TeachPanel</name>
    <message>
        <source>Teach it my handwriting</source>
        <translation>教它认识我的手写</translation>
    </message>
    <message>
        <source>This is a:</source>
        <translation>这是：</translation>
    </message>
    <message>
        <source>Save the drawing as a {digit} in My handwriting (Ctrl+{digit})</source>
        <translation>把这幅图作为 {digit} 存入“我的手写”（Ctrl+{digit}）</translation>
    </message>
    <message>
        <source>Undo add</source>
        <translation>撤销添加</translation>
    </message>
    <message>
        <source>Take the last saved sample out of My handwriting</source>
        <translation>从“我的手写”中移除最后保存的样本</translation>
    </message>
    <message>
        <source>Clear after saving</source>
        <translation>保存后清空</translation>
    </message>
    <message>
        <source>Clear the canvas once a sample is saved, so the next one can be drawn</source>
        <translation>样本保存后清空画布，方便写下一个</translation>
    </message>
    <message>
        <source>Teach the selected model my handwriting</source>
        <translation>让所选模型学习我的手写</translation>
    </message>
    <message>
        <source>Fine-tune the selected model on My handwriting mixed with MNIST (a few epochs, a low learning rate): the result is a new model of yours, measured before and after on samples it did not train on</source>
        <translation>用“我的手写”混合 MNIST 对所选模型进行微调（几轮训练、较低的学习率）：结果是一个属于你的新模型，并在它没有训练过的样本上比较微调前后的表现</translation>
    </message>
    <message>
        <source>How many samples of each digit My handwriting holds (Dataset view: browse, delete, relabel)</source>
        <translation>“我的手写”中每个数字的样本数（在“数据集”视图中可浏览、删除、改标）</translation>
    </message>
    <message numerus="yes">
        <source>saved as a {digit} in My handwriting (it has %n of them)</source>
        <translation>
            <numerusform>已作为 {digit} 存入“我的手写”（现有 %n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>took the last {digit} out of My handwriting</source>
        <translation>已从“我的手写”中移除最后一个 {digit}</translation>
    </message>
    <message>
        <source>My handwriting: empty. Draw a digit, then press its number.</source>
        <translation>我的手写：空。写一个数字，再按下对应的数字键。</translation>
    </message>
    <message>
        <source>My handwriting: {total} ({digits})</source>
        <translation>我的手写：{total} 个（{digits}）</translation>
    </message>
    <message>
        <source>Teaching {name} your handwriting: the Train view shows the run…</source>
        <translation>正在教 {name} 认识你的手写：“训练”视图会显示训练过程…</translation>
    </message>
    <message>
        <source>; MNIST test {before} → {after}</source>
        <translation>；MNIST 测试集 {before} → {after}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; is selected. On %n of your digits it did not train on: {parent} {before} → &lt;b&gt;{after}&lt;/b&gt;{mnist}.</source>
        <translation>
            <numerusform>已选中 &lt;b&gt;{name}&lt;/b&gt;。在它没有训练过的 %n 个你的数字上：{parent} {before} → &lt;b&gt;{after}&lt;/b&gt;{mnist}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainConfig</name>
    <message>
        <source>the architecture to train</source>
        <translation>要训练的网络结构</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>the dataset to train and test on</source>
        <translation>用于训练和测试的数据集</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>full passes over the training set</source>
        <translation>完整遍历训练集的次数</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>images per optimizer step</source>
        <translation>每次优化步骤使用的图像数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>the optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>learning rate (the peak rate of the one-cycle schedule)</source>
        <translation>学习率（单周期调度时为峰值学习率）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>SGD momentum, or adam&apos;s and adamw&apos;s beta1 (the gradient average&apos;s decay)</source>
        <translation>SGD 的动量，或 adam 与 adamw 的 beta1（梯度滑动平均的衰减）</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>adam&apos;s and adamw&apos;s beta2 (the decay of their estimate of each gradient&apos;s scale; sgd ignores it)</source>
        <translation>adam 与 adamw 的 beta2（它们对每个梯度尺度之估计的衰减；sgd 不使用）</translation>
    </message>
    <message>
        <source>Adam beta2</source>
        <translation>Adam beta2</translation>
    </message>
    <message>
        <source>Nesterov momentum (SGD with a momentum above 0)</source>
        <translation>Nesterov 动量（需 SGD 且动量大于 0）</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>L2 penalty (decoupled for adamw)</source>
        <translation>L2 正则（adamw 为解耦权重衰减）</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>learning-rate schedule: none, step (x0.1 at 1/2 and 3/4 of the run), onecycle</source>
        <translation>学习率调度：无；阶梯衰减（在训练进行到 1/2 和 3/4 时乘以 0.1）；单周期（onecycle）</translation>
    </message>
    <message>
        <source>Cycle momentum</source>
        <translation>动量随周期变化</translation>
    </message>
    <message>
        <source>with onecycle, move the momentum (beta1) against the learning rate, 0.95 down to 0.85 and back; off: the momentum stays as set</source>
        <translation>使用 onecycle 时，动量（beta1）与学习率反向变化：从 0.95 降到 0.85 再回到 0.95；关闭时动量保持设定值</translation>
    </message>
    <message>
        <source>First convolution</source>
        <translation>第一层卷积</translation>
    </message>
    <message>
        <source>learned, or edges: fixed edge filters (a smoothed derivative in evenly spaced directions) that are never trained, so each step skips that layer&apos;s gradient; without augmentation its output is computed once per run. A run from a model keeps that model&apos;s filters, fixed</source>
        <translation>选 learned 则参与训练；选 edges 则是固定的边缘滤波器（沿均匀分布的各个方向求平滑导数），从不训练，因此每一步都省去该层的梯度；不做数据增强时，它的输出每次训练只计算一次。从已有模型开始的训练保留该模型的滤波器并将其固定</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>distort the training images: none; affine (rotate, shift, scale, shear); handwriting (affine plus elastic wobble, stroke width, crops stretched square, blur, low resolution, noise: reads real handwriting, scans and photos better)</source>
        <translation>对训练图像做变形：无；仿射变换（旋转、平移、缩放、错切）；手写增强（仿射变换加上弹性抖动、笔画粗细、拉伸成正方形的裁剪、模糊、低分辨率和噪声：更能识别真实的手写、扫描件和照片）</translation>
    </message>
    <message>
        <source>Style digits</source>
        <translation>风格数字</translation>
    </message>
    <message>
        <source>synthetic digits added to the training set, in writing styles MNIST has few of (1s with a flag, crossed 7s, open 4s, straight 9s, looped 2s)</source>
        <translation>加入训练集的合成数字，采用 MNIST 中少见的书写风格（带钩的 1、带横杠的 7、开口的 4、直杆的 9、带圈的 2）</translation>
    </message>
    <message>
        <source>Scanned digits</source>
        <translation>扫描数字</translation>
    </message>
    <message>
        <source>copies of 2,823 real digits by 30 writers MNIST never saw, scanned at 8x8 (UCI optical digits), added to the training set: reads other people&apos;s scans and crops better</source>
        <translation>加入训练集的份数：2,823 个 MNIST 从未见过的 30 位书写者的真实数字，以 8x8 扫描（UCI 光学数字数据集）：更能识别别人的扫描件和裁剪图</translation>
    </message>
    <message>
        <source>input scaling: mnist ((x - 0.1307) / 0.3081) or unit (pixels in [0, 1] only)</source>
        <translation>输入缩放：mnist（(x - 0.1307) / 0.3081）或 unit（像素仅在 [0, 1] 之间）</translation>
    </message>
    <message>
        <source>makes CPU runs repeat (bit for bit with --threads); none draws a fresh one</source>
        <translation>让 CPU 上的训练可以复现（配合 --threads 可逐位一致）；none 表示每次随机抽取</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>where to train: auto (cuda, then mps, then cpu), cpu, cuda or mps</source>
        <translation>在哪里训练：auto（依次尝试 cuda、mps、cpu）、cpu、cuda 或 mps</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <source>stop after this many optimizer steps (quick trials)</source>
        <translation>执行这么多优化步骤后停止（用于快速试验）</translation>
    </message>
    <message>
        <source>start from this model&apos;s weights (a name or a file) instead of random ones: fine-tuning</source>
        <translation>从这个模型（名称或文件）的权重开始，而不是随机权重：即微调</translation>
    </message>
</context>
<context>
    <name>TrainView</name>
    <message>
        <source>Model and recipe</source>
        <translation>模型与训练方案</translation>
    </message>
    <message>
        <source>The name the trained model is saved under in your models</source>
        <translation>训练好的模型在“我的模型”中保存所用的名称</translation>
    </message>
    <message>
        <source>Reset to recipe</source>
        <translation>恢复默认方案</translation>
    </message>
    <message>
        <source>Fill the form with digitpad&apos;s recipe for this architecture</source>
        <translation>用 digitpad 为该架构准备的配方填写表单</translation>
    </message>
    <message>
        <source>Bundled model&apos;s recipe</source>
        <translation>内置模型的配方</translation>
    </message>
    <message>
        <source>Tutorial recipe</source>
        <translation>教程方案</translation>
    </message>
    <message>
        <source>A run starts from random weights, or from a trained model&apos;s (fine-tuning)</source>
        <translation>训练从随机权重开始，或从一个已训练模型的权重开始（微调）</translation>
    </message>
    <message>
        <source>Starts from</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Start training (F5)</source>
        <translation>开始训练（F5）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop and keep the best model so far (Shift+F5)</source>
        <translation>停止并保留目前最好的模型（Shift+F5）</translation>
    </message>
    <message>
        <source>{description}
{params} parameters · source: {source} · reported: {reported}</source>
        <translation>{description}
参数量 {params} · 来源：{source} · 报告结果：{reported}</translation>
    </message>
    <message>
        <source>Fill the form with the recipe exactly as the tutorial gave it</source>
        <translation>按教程原样的方案填写表单</translation>
    </message>
    <message>
        <source>{name} comes from no tutorial: it has only digitpad&apos;s recipe</source>
        <translation>{name} 不来自任何教程：只有 digitpad 自己的方案</translation>
    </message>
    <message>
        <source>Fill the form with the recipe the bundled model was trained with: slower, and it reads other people&apos;s handwriting better</source>
        <translation>用内置模型训练时的配方填写表单：更慢，但更能读懂他人的手写</translation>
    </message>
    <message>
        <source>The bundled {name} was trained with digitpad&apos;s recipe</source>
        <translation>内置的 {name} 就是用 digitpad 的配方训练的</translation>
    </message>
    <message>
        <source>{name} (fine-tuning its weights)</source>
        <translation>{name}（在其权重上微调）</translation>
    </message>
    <message>
        <source>random weights</source>
        <translation>随机权重</translation>
    </message>
    <message>
        <source>a run is in progress: stop it first, or wait for it to end</source>
        <translation>正在训练：请先停止，或等待它结束</translation>
    </message>
    <message>
        <source>resuming {name} after epoch {epoch}</source>
        <translation>从第 {epoch} 轮之后继续训练 {name}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>out of memory on {device}: try a smaller batch size or another device</source>
        <translation>{device} 内存不足：请尝试更小的批大小或换一个设备</translation>
    </message>
    <message>
        <source>training failed: {reason}</source>
        <translation>训练失败：{reason}</translation>
    </message>
</context>
<context>
    <name>WhyView</name>
    <message>
        <source>the answer</source>
        <translation>模型的答案</translation>
    </message>
    <message>
        <source>why {digit}? (or why not)</source>
        <translation>为什么是 {digit}？（或为什么不是）</translation>
    </message>
    <message>
        <source>occlusion</source>
        <translation>遮挡法</translation>
    </message>
    <message>
        <source>input × gradient</source>
        <translation>输入 × 梯度</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>by</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Draw here</source>
        <translation>在这里写</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nearest examples&lt;/b&gt;: the MNIST training images whose features in the model&apos;s last hidden layer point the same way as the drawing&apos;s: what the model thinks it looks like. A click sends one to the Draw view.</source>
        <translation>&lt;b&gt;最相近的样本&lt;/b&gt;：在模型最后一个隐藏层中，特征方向与这幅图最一致的 MNIST 训练图像，也就是模型觉得它像什么。点击可将其送到“绘制”视图。</translation>
    </message>
    <message>
        <source>Draw a digit (or bring one from the Draw view) to see why the model reads it so.</source>
        <translation>写一个数字（或从“绘制”视图带一个过来），看看模型为什么这样识别。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Occlusion&lt;/b&gt;: each part of the drawing is covered with blank paper in turn, and the map shows how much the digit&apos;s probability fell. Red: covering it hurts the answer, so that ink is evidence for it; blue: covering it helps, so it speaks against.</source>
        <translation>&lt;b&gt;遮挡法&lt;/b&gt;：依次用空白纸遮住图中的每一部分，图中显示该数字的概率因此下降了多少。红色：遮住后答案变差，说明这部分笔迹支持该答案；蓝色：遮住后答案变好，说明它与答案相悖。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Input × gradient&lt;/b&gt;: how fast the digit&apos;s score would change with more ink at each pixel, times the ink there. Red ink raises the score, blue ink lowers it; blank paper gets nothing.</source>
        <translation>&lt;b&gt;输入 × 梯度&lt;/b&gt;：每个像素多一点墨迹时该数字得分的变化速度，乘以该处的墨迹。红色墨迹提高得分，蓝色墨迹降低得分；空白处为零。</translation>
    </message>
    <message>
        <source>Finding the model&apos;s view of MNIST&apos;s 60,000 training images (once per model, then kept on disk)…</source>
        <translation>正在计算模型对 MNIST 六万张训练图像的特征（每个模型只算一次，之后保存在磁盘上）…</translation>
    </message>
    <message>
        <source>No digit found in the drawing.</source>
        <translation>图中没有找到数字。</translation>
    </message>
    <message>
        <source>its answer</source>
        <translation>它的答案</translation>
    </message>
    <message>
        <source>The model reads &lt;b&gt;{answer}&lt;/b&gt; ({probability}). Evidence for {about} ({target}: {target_probability}):</source>
        <translation>模型识别为 &lt;b&gt;{answer}&lt;/b&gt;（{probability}）。支持{about}的证据（{target}：{target_probability}）：</translation>
    </message>
    <message>
        <source>training image #{index}, labelled {label}, cosine distance {distance}: click to draw it</source>
        <translation>第 {index} 张训练图像，标签 {label}，余弦距离 {distance}：点击把它放到画布上</translation>
    </message>
    <message>
        <source>label · distance (0: the same direction)</source>
        <translation>标签 · 距离（0 表示方向相同）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not a digit.&lt;/b&gt; A classifier that knows only ten answers must share 100% among them whatever it is shown, so its answer means nothing here. The drawing lies {distance} from the nearest digit the model knows (its digits lie within {limit}), and the digit-or-not judge, a second network trained on letters, symbols and doodles as well as digits, finds it {chance} likely to be none of 0-9.</source>
        <translation>&lt;b&gt;不是数字。&lt;/b&gt;只知道十个答案的分类器，无论给它看什么，都必须把 100% 分给这十个答案，所以它在这里的回答没有意义。这幅图离模型认识的最近的数字有 {distance}（它的数字都在 {limit} 以内）；“是不是数字”判定器是另一个网络，除了数字还用字母、符号和涂鸦训练过，它认为这幅图有 {chance} 的可能不是 0-9 中的任何一个。</translation>
    </message>
    <message>
        <source>A digit: {distance} from the nearest digit the model knows (its digits lie within {limit}); the digit-or-not judge finds it {chance} likely to be none of 0-9. A classifier that knows only ten answers picks one whatever it is shown: these two tell when none of them fits.</source>
        <translation>是数字：离模型认识的最近的数字有 {distance}（它的数字都在 {limit} 以内）；“是不是数字”判定器认为它有 {chance} 的可能不是 0-9 中的任何一个。只知道十个答案的分类器无论给它看什么都会选一个：这两项能看出什么时候一个都不合适。</translation>
    </message>
    <message>
        <source>Nearest examples are found for the finished model (the last epoch).</source>
        <translation>最相近的样本只针对训练完成的模型（最后一轮）计算。</translation>
    </message>
</context>
<context>
    <name>architectures</name>
    <message>
        <source>LeNet-5 (1998 paper)</source>
        <translation>LeNet-5（1998 年论文版）</translation>
    </message>
    <message>
        <source>The original: 32x32 input, scaled tanh, trainable subsampling, C3 partial connections, RBF output.</source>
        <translation>原版：32x32 输入、缩放的 tanh、可训练的下采样、C3 层部分连接、RBF 输出层。</translation>
    </message>
    <message>
        <source>LeCun, Bottou, Bengio, Haffner, &quot;Gradient-based learning applied to document recognition&quot;, 1998</source>
        <translation>LeCun、Bottou、Bengio、Haffner，《Gradient-based learning applied to document recognition》，1998</translation>
    </message>
    <message>
        <source>0.95% test error without distortions, 0.8% with</source>
        <translation>不加形变时测试错误率 0.95%，加形变时 0.8%</translation>
    </message>
    <message>
        <source>LeNet-5 (modern)</source>
        <translation>LeNet-5（现代版）</translation>
    </message>
    <message>
        <source>The LeNet-5 most tutorials use: ReLU, max-pooling, fully connected 120-84-10.</source>
        <translation>大多数教程采用的 LeNet-5：ReLU、最大池化、120-84-10 全连接层。</translation>
    </message>
    <message>
        <source>common modern form of LeCun et al. 1998</source>
        <translation>LeCun 等人 1998 年网络的常见现代形式</translation>
    </message>
    <message>
        <source>no figure given; expect &gt;= 99.0%</source>
        <translation>未给出数据；预计 &gt;= 99.0%</translation>
    </message>
    <message>
        <source>LeNet (Caffe)</source>
        <translation>LeNet（Caffe 版）</translation>
    </message>
    <message>
        <source>Caffe&apos;s MNIST LeNet: conv 20 and conv 50, fully connected 500: wide and accurate.</source>
        <translation>Caffe 的 MNIST LeNet：20 和 50 个通道的卷积层、500 个单元的全连接层：宽且准确。</translation>
    </message>
    <message>
        <source>tutorial 1 (juejin, 2022); the shape of Caffe&apos;s MNIST example</source>
        <translation>教程 1（掘金，2022）；结构同 Caffe 的 MNIST 示例</translation>
    </message>
    <message>
        <source>99.38% test after 20 epochs</source>
        <translation>20 轮后测试准确率 99.38%</translation>
    </message>
    <message>
        <source>Small CNN (10-20)</source>
        <translation>小型 CNN（10-20）</translation>
    </message>
    <message>
        <source>Two small convolutions (10 and 20 maps) and two linear layers: 21k parameters.</source>
        <translation>两个小卷积层（10 和 20 个特征图）加两个全连接层：2.1 万个参数。</translation>
    </message>
    <message>
        <source>tutorial 3 (CSDN-style blog)</source>
        <translation>教程 3（CSDN 风格的博客）</translation>
    </message>
    <message>
        <source>99.0% test after 10 epochs (96.4% after epoch 1)</source>
        <translation>10 轮后测试准确率 99.0%（第 1 轮后 96.4%）</translation>
    </message>
    <message>
        <source>CNN with BatchNorm</source>
        <translation>带批归一化的 CNN</translation>
    </message>
    <message>
        <source>One convolution of 32 maps with batch normalisation, then tanh layers 70-30-10.</source>
        <translation>一个 32 个特征图的卷积层加批归一化，之后是 70-30-10 的 tanh 全连接层。</translation>
    </message>
    <message>
        <source>tutorial 4</source>
        <translation>教程 4</translation>
    </message>
    <message>
        <source>98.69% test after 10 epochs (97.29% after epoch 1)</source>
        <translation>10 轮后测试准确率 98.69%（第 1 轮后 97.29%）</translation>
    </message>
    <message>
        <source>LeNet-5 (d2l.ai)</source>
        <translation>LeNet-5（d2l.ai 版）</translation>
    </message>
    <message>
        <source>d2l&apos;s LeNet: LeakyReLU, average pooling, sigmoid before the output, Xavier init.</source>
        <translation>《动手学深度学习》的 LeNet：LeakyReLU、平均池化、输出前接 sigmoid、Xavier 初始化。</translation>
    </message>
    <message>
        <source>tutorial 5 (after d2l.ai); trained there on Fashion-MNIST</source>
        <translation>教程 5（参照 d2l.ai）；原文在 Fashion-MNIST 上训练</translation>
    </message>
    <message>
        <source>trained on Fashion-MNIST (SGD lr 0.9, batch 256, 10 epochs)</source>
        <translation>在 Fashion-MNIST 上训练（SGD，学习率 0.9，批大小 256，10 轮）</translation>
    </message>
    <message>
        <source>MLP baseline</source>
        <translation>MLP 基线</translation>
    </message>
    <message>
        <source>No convolutions: 784-256-128-10 fully connected, the baseline CNNs are measured against.</source>
        <translation>没有卷积：784-256-128-10 全连接网络，是衡量 CNN 的基线。</translation>
    </message>
    <message>
        <source>tutorial 3&apos;s linear-network comparison</source>
        <translation>教程 3 中作对比的线性网络</translation>
    </message>
    <message>
        <source>about 98% test</source>
        <translation>测试准确率约 98%</translation>
    </message>
    <message>
        <source>Wide LeNet (digitpad&apos;s best)</source>
        <translation>宽 LeNet（digitpad 最佳）</translation>
    </message>
    <message>
        <source>LeNet&apos;s shape, wider (32-32-64-64 maps) with batch norm, trained on distorted handwriting: the default.</source>
        <translation>LeNet 的结构，但更宽（32-32-64-64 个特征图）并带批归一化，用形变的手写数据训练：默认模型。</translation>
    </message>
    <message>
        <source>digitpad</source>
        <translation>digitpad</translation>
    </message>
    <message>
        <source>built for &gt;= 99.6% on MNIST and for digits drawn, scanned and photographed</source>
        <translation>目标：MNIST 上 &gt;= 99.6%，并能识别手写、扫描和拍照的数字</translation>
    </message>
</context>
<context>
    <name>choices</name>
    <message>
        <source>no samples yet: in Draw, draw a digit and press its number under “Teach it my handwriting”</source>
        <translation>还没有样本：在“绘制”中写一个数字，然后在“教它认识我的手写”下按对应的数字</translation>
    </message>
    <message>
        <source>not downloaded: run `digitpad download {name}`</source>
        <translation>尚未下载：请运行 `digitpad download {name}`</translation>
    </message>
</context>
<context>
    <name>datasets</name>
    <message>
        <source>MNIST (bundled)</source>
        <translation>MNIST（内置）</translation>
    </message>
    <message>
        <source>EMNIST digits</source>
        <translation>EMNIST 数字</translation>
    </message>
    <message>
        <source>My handwriting</source>
        <translation>我的手写</translation>
    </message>
</context>
<context>
    <name>device</name>
    <message>
        <source>no CUDA GPU found (or this torch build has no CUDA)</source>
        <translation>未找到 CUDA GPU（或此 torch 版本不含 CUDA）</translation>
    </message>
    <message>
        <source>Apple-silicon GPU (MPS) is only available on macOS with Apple silicon</source>
        <translation>Apple 芯片 GPU（MPS）仅在搭载 Apple 芯片的 macOS 上可用</translation>
    </message>
</context>
</TS>
